"""The support report: figures on a known data set, the page, and who may see it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from support.models import Priority, Status
from support.reports import build_report, format_duration, reports_view
from support.services import _apply_sla
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
HOUR = timedelta(hours=1)
START, END = date(2025, 3, 1), date(2025, 3, 7)
RANGE = {"date_from": "2025-03-01", "date_to": "2025-03-07"}


def at(day, hour):
    return datetime(2025, *day, hour, 0, tzinfo=LONDON)


def backdated(ticket, created, **fields):
    """Move a ticket's creation to ``created``, restart its SLA clock from there, then set ``fields``."""
    ticket.created_at = created
    _apply_sla(ticket)
    for name, value in fields.items():
        setattr(ticket, name, value)
    ticket.save()
    return ticket


@pytest.fixture
def known_tickets(customer, other_customer, support_category, other_category, agent, lead):
    """Six tickets around 1–7 March 2025, and one opened today; the expected figures are in the tests."""
    c = support_category
    t1 = backdated(
        make_ticket(customer, category=c, priority=Priority.HIGH), at((3, 3), 9),
        status=Status.CLOSED, first_responded_at=at((3, 3), 10), resolved_at=at((3, 3), 19), closed_at=at((3, 4), 9),
        rating=5, rated_at=at((3, 4), 8),
    )
    t2 = backdated(
        make_ticket(customer, category=c), at((3, 3), 10),
        status=Status.RESOLVED, first_responded_at=at((3, 3), 20), resolved_at=at((3, 6), 18), rating=3, rated_at=at((3, 6), 20),
    )
    t3 = backdated(make_ticket(other_customer, category=c, priority=Priority.LOW), at((3, 5), 12), assignee=agent)
    t4 = backdated(
        make_ticket(other_customer, category=c), at((3, 5), 13),
        status=Status.IN_PROGRESS, assignee=agent, first_responded_at=at((3, 5), 15),
    )
    # Opened before the range, resolved (late) inside it; rated after it.
    t5 = backdated(
        make_ticket(customer, category=c, priority=Priority.LOW), at((2, 20), 9),
        status=Status.RESOLVED, first_responded_at=at((2, 20), 10), resolved_at=at((3, 2), 9), rating=1, rated_at=at((3, 9), 9),
    )
    # Opened after the range, in another department, nobody on it.
    t6 = backdated(make_ticket(customer, category=other_category), at((3, 9), 9))
    # Opened today and taken by the lead: open, and not past any target.
    t7 = make_ticket(customer, category=c, assignee=lead)
    return [t1, t2, t3, t4, t5, t6, t7]


class BuildReportTests:
    @pytest.fixture
    def report(self, known_tickets):
        return build_report(date_from=START, date_to=END)

    def test_opened_and_resolved_per_day(self, report):
        assert (report["opened_total"], report["resolved_total"]) == (4, 3)
        per_day = {row["day"]: (row["opened"], row["resolved"]) for row in report["per_day"]}
        assert list(per_day) == [date(2025, 3, day) for day in range(1, 8)]
        assert per_day == {
            date(2025, 3, 1): (0, 0),
            date(2025, 3, 2): (0, 1),
            date(2025, 3, 3): (2, 1),
            date(2025, 3, 4): (0, 0),
            date(2025, 3, 5): (2, 0),
            date(2025, 3, 6): (0, 1),
            date(2025, 3, 7): (0, 0),
        }

    def test_counts_of_the_tickets_opened(self, report):
        assert {row["value"]: row["count"] for row in report["by_status"]} == {
            "open": 1, "in_progress": 1, "waiting": 0, "resolved": 1, "closed": 1
        }
        assert {row["label"]: row["count"] for row in report["by_priority"]} == {"Urgent": 0, "High": 1, "Medium": 2, "Low": 1}
        assert report["by_department"] == [{"label": "Orders", "count": 4}]

    def test_medians(self, report):
        # First responses of tickets opened in the range: 1 h, 10 h, 2 h.
        assert report["median_first_response"] == 2 * HOUR
        # Resolutions in the range: 10 h, 80 h, 240 h.
        assert report["median_resolution"] == 80 * HOUR

    def test_sla_compliance(self, report):
        # Resolved on time: only t1 (High, 24 h); t2 took 80 of 72 h, t5 ten of seven days.
        assert report["resolution_sla"] == {"total": 3, "on_time": 1, "percent": 33.3}
        # First responses in the range: t1 after 1 of 4 h, t4 after 2 of 8 h, t2 after 10 of 8 h.
        assert report["response_sla"] == {"total": 3, "on_time": 2, "percent": 66.7}

    def test_satisfaction_counts_ratings_given_in_the_range(self, report):
        assert report["satisfaction"]["average"] == 4.0
        assert report["satisfaction"]["count"] == 2
        assert {row["stars"]: row["count"] for row in report["satisfaction"]["distribution"]} == {5: 1, 4: 0, 3: 1, 2: 0, 1: 0}

    def test_open_tickets_per_agent_now(self, report, agent, lead):
        assert [(row["email"], row["open"], row["breached"]) for row in report["per_agent"]] == [
            (agent.email, 2, 2),
            (lead.email, 1, 0),
        ]
        assert report["unassigned"] == {"open": 1, "breached": 1}

    def test_the_chart_has_a_bar_per_day_and_series(self, report):
        bars = report["chart"]["bars"]
        assert len(bars) == 14
        tallest = max(bars, key=lambda bar: bar.height)
        assert tallest.value == 2
        assert all(bar.height == 0 for bar in bars if bar.value == 0)
        assert all(bar.y + bar.height == pytest.approx(report["chart"]["baseline"]) for bar in bars)

    def test_an_empty_range(self, db):
        report = build_report(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))

        assert report["opened_total"] == 0
        assert report["median_first_response"] is None
        assert report["resolution_sla"]["percent"] is None
        assert report["satisfaction"]["average"] is None
        assert len(report["chart"]["bars"]) == 62

    def test_days_follow_the_local_time_zone(self, customer, support_category):
        # 23:30 UTC on 30 March 2025 is 00:30 on 31 March in London (summer time).
        backdated(make_ticket(customer, category=support_category), datetime(2025, 3, 30, 23, 30, tzinfo=ZoneInfo("UTC")))

        report = build_report(date_from=date(2025, 3, 30), date_to=date(2025, 3, 31))

        assert [row["opened"] for row in report["per_day"]] == [0, 1]

    def test_a_fixed_number_of_queries_whatever_the_data(self, known_tickets, django_assert_max_num_queries):
        with django_assert_max_num_queries(11):
            build_report(date_from=START, date_to=END)


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (timedelta(minutes=7), "7 min"), (timedelta(hours=5, minutes=12), "5 h 12 min"), (timedelta(days=3, hours=4), "3 d 4 h")],
)
def test_format_duration(value, text):
    assert format_duration(value) == text


class ReportsPageTests:
    url = reverse("support_admin:reports")

    def test_a_lead_sees_the_figures_and_the_chart(self, client, lead, known_tickets, password):
        client.force_login(lead)

        response = client.get(self.url, RANGE)

        assert response.status_code == 200
        html = response.content.decode()
        assert '<svg class="support-report__chart"' in html
        assert html.count('class="support-report__bar support-report__bar--opened"') == 7
        assert 'data-figure="opened">4<' in html
        assert 'data-figure="resolution-sla">33.3 %<' in html
        assert 'data-figure="median-first-response">2 h 0 min<' in html
        assert 'data-figure="satisfaction">4.0 / 5<' in html
        assert "<title>Support reports" in html
        assert response.context["report"]["date_from"] == START

    def test_the_default_is_the_last_30_days(self, client, lead):
        client.force_login(lead)

        report = client.get(self.url).context["report"]

        today = timezone.localdate()
        assert (report["date_from"], report["date_to"]) == (today - timedelta(days=29), today)
        assert len(report["per_day"]) == 30

    def test_a_superuser_sees_it(self, client, superuser):
        client.force_login(superuser)
        assert client.get(self.url).status_code == 200

    @pytest.mark.parametrize(
        "query",
        [
            {"date_from": "yesterday", "date_to": "2025-03-07"},
            {"date_from": "2025-02-30"},
            {"date_from": "2025-03-08", "date_to": "2025-03-01"},
            {"date_from": "2020-01-01", "date_to": "2025-03-01"},
        ],
        ids=["not-a-date", "no-such-day", "backwards", "too-long"],
    )
    def test_bad_dates_show_an_error_and_the_default_range(self, client, lead, query):
        client.force_login(lead)

        response = client.get(self.url, query)

        assert response.status_code == 200
        assert response.context["form"].errors
        assert 'role="alert"' in response.content.decode()
        today = timezone.localdate()
        assert (response.context["report"]["date_from"], response.context["report"]["date_to"]) == (
            today - timedelta(days=29),
            today,
        )

    def test_an_open_ended_range(self, client, lead):
        client.force_login(lead)

        report = client.get(self.url, {"date_from": "", "date_to": "2025-03-07"}).context["report"]

        assert (report["date_from"], report["date_to"]) == (date(2025, 2, 6), END)

    @pytest.mark.parametrize("person", ["agent", "editor", "customer"])
    def test_everyone_else_is_refused(self, request, client, person, known_tickets):
        client.force_login(request.getfixturevalue(person))

        response = client.get(self.url, RANGE)

        # Wagtail answers a refused admin page with a redirect (to the dashboard or the login page).
        assert response.status_code in (302, 403)
        assert b"support-report" not in response.content

    def test_signed_out_visitors_are_sent_to_log_in(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert "login" in response["Location"]

    @pytest.mark.parametrize("person", ["agent", "editor", "customer", "outsider_agent"])
    def test_the_view_itself_refuses_with_403(self, request, person):
        get = RequestFactory().get("/admin/support/reports/")
        get.user = request.getfixturevalue(person)

        with pytest.raises(PermissionDenied):
            reports_view(get)

    def test_the_page_runs_a_fixed_number_of_queries(self, client, lead, known_tickets, django_assert_max_num_queries):
        client.force_login(lead)
        client.get(self.url, RANGE)  # warm caches (site, settings)

        with django_assert_max_num_queries(30):
            client.get(self.url, RANGE)
