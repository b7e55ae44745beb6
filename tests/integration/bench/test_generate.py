"""The benchmark data generator (manage.py bench_generate) at its hidden tiny scale.

Two databases cannot be compared in one test, so determinism is checked against the generator's
pure plans: the titles it plans for seed 1 have a stored fingerprint, and the rows it writes
carry exactly those titles in primary-key order.
"""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from oscar.core.loading import get_model

from bench.generate import BENCH_ACCOUNTS, BENCH_PASSWORD, SCALES, planned_titles
from home.models import HelpArticlePage
from support.models import Status, Ticket, TicketMessage
from worktasks.models import Task

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

TINY = SCALES["tiny"]
# sha256 of planned_titles("tiny", 1) as sorted-key JSON. It changes only when the generator's
# vocabulary or plans change on purpose: then every benchmark figure before it is for other data.
TITLES_FINGERPRINT = "d5c32001dc57b0c509fb4801b252eb399899d7d447b3b55e20b314ba4db8cace"


@pytest.fixture
def generated():
    out, err = io.StringIO(), io.StringIO()
    call_command("bench_generate", "--scale", "tiny", "--seed", "1", stdout=out, stderr=err)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, "the command prints one JSON line on stdout; progress goes to stderr"
    return json.loads(lines[0])


def login(client, email):
    # django-axes wants the request that authenticate() gets; Client.login passes extra keywords on.
    request = RequestFactory().post("/accounts/login/")
    return client.login(request=request, username=email, password=BENCH_PASSWORD)


class GenerateCountsTests:
    def test_summary_and_rows(self, generated):
        assert generated["scale"] == "tiny"
        assert generated["seconds"] > 0 and set(generated["steps"]) >= {"people", "tickets", "tasks", "orders"}
        counts = generated["counts"]
        assert counts["support.Ticket"] == Ticket.objects.count() == TINY.tickets
        assert counts["worktasks.Task"] == Task.objects.count() == TINY.tasks
        assert counts["catalogue.Product"] == Product.objects.count() == TINY.products
        assert counts["order.Order"] == TINY.orders
        assert counts["catalogue.Category"] == TINY.category_count
        assert 2 * TINY.tickets <= counts["support.TicketMessage"] <= 5 * TINY.tickets
        assert counts["support.TicketEvent"] >= TINY.tickets
        assert counts["order.Line"] >= TINY.orders
        assert counts["partner.StockRecord"] == TINY.products
        assert counts["home.HelpArticlePage"] >= 1

    def test_rows_look_like_real_ones(self, generated):
        for ticket in Ticket.objects.all():
            assert ticket.resolution_due_at and ticket.first_response_due_at
            assert ticket.updated_at >= ticket.created_at
            if ticket.status in (Status.RESOLVED, Status.CLOSED) and ticket.resolution_summary:
                assert ticket.resolved_at and ticket.first_responded_at
            if ticket.status == Status.CLOSED:
                assert ticket.closed_at
            if ticket.status == Status.WAITING:
                assert ticket.sla_paused_at
            if ticket.order_id:
                assert ticket.order.user_id == ticket.requester_id
        assert not Product.objects.exclude(structure=Product.STANDALONE).exists()
        assert all(product.stockrecords.get().price for product in Product.objects.all())
        assert set(Order.objects.values_list("status", flat=True)) <= {
            "Pending payment", "Processing", "Shipped", "Delivered", "Cancelled"
        }

    def test_refuses_a_database_that_has_tickets(self, generated):
        with pytest.raises(CommandError, match="already"):
            call_command("bench_generate", "--scale", "tiny", stdout=io.StringIO(), stderr=io.StringIO())


class GenerateDeterminismTests:
    def test_planned_titles_match_the_fingerprint(self):
        titles = planned_titles("tiny", 1)
        digest = hashlib.sha256(json.dumps(titles, sort_keys=True).encode()).hexdigest()
        assert digest == TITLES_FINGERPRINT
        assert planned_titles("tiny", 2) != titles

    def test_rows_carry_the_planned_titles_in_order(self, generated):
        titles = planned_titles("tiny", 1)
        assert list(Ticket.objects.order_by("pk").values_list("title", flat=True)) == titles["tickets"]
        assert list(Task.objects.order_by("pk").values_list("title", flat=True)) == titles["tasks"]
        assert list(Product.objects.order_by("pk").values_list("title", flat=True)) == titles["products"]


class GenerateCategoryTreeTests:
    def test_tree_is_valid_for_treebeard(self, generated):
        assert Category.find_problems() == ([], [], [], [], [])
        roots, children, grandchildren = TINY.category_shape
        assert Category.get_tree().count() == TINY.category_count
        assert len(Category.get_root_nodes()) == roots
        for root in Category.get_root_nodes():
            assert root.get_children().count() == children == root.get_children_count()
            assert root.get_descendants().count() == children * (1 + grandchildren)
        # Products are filed in leaf categories only.
        assert Product.objects.filter(categories__numchild=0).distinct().count() == TINY.products
        assert not Product.objects.filter(categories__numchild__gt=0).exists()


class GenerateAccountsTests:
    def test_every_bench_account_can_log_in(self, client, generated):
        for email in BENCH_ACCOUNTS:
            assert login(client, email), email
            client.logout()

    def test_customer_sees_their_tickets_with_messages_and_orders(self, client, generated):
        assert login(client, "bench-customer@example.com")
        mine = Ticket.objects.filter(requester__email="bench-customer@example.com")
        assert mine.count() >= TINY.bench_customer_items - 2
        assert mine.filter(status__in=[Status.OPEN, Status.IN_PROGRESS, Status.WAITING]).exists()
        assert TicketMessage.objects.filter(ticket__in=mine, is_internal=True).exists()
        assert Order.objects.filter(user__email="bench-customer@example.com").count() == TINY.bench_customer_items
        response = client.get("/support/tickets/")
        assert response.status_code == 200
        assert mine.order_by("-updated_at").first().title in response.content.decode()

    @pytest.mark.parametrize("email", ["bench-agent@example.com", "bench-lead@example.com", "bench-admin@example.com"])
    def test_desk_accounts_get_the_admin_ticket_table(self, client, generated, email):
        assert login(client, email)
        response = client.get("/admin/support/tickets/")
        assert response.status_code == 200

    def test_agent_works_one_department_and_lead_sees_all(self, client, generated):
        assert login(client, "bench-agent@example.com")
        agent_rows = client.get("/admin/support/tickets/").context["table"].paginator.count
        client.logout()
        assert login(client, "bench-lead@example.com")
        lead_rows = client.get("/admin/support/tickets/").context["table"].paginator.count
        assert 0 < agent_rows < lead_rows

    def test_a_help_article_is_published(self, client, generated):
        article = HelpArticlePage.objects.live().first()
        assert article is not None
        assert client.get(article.url).status_code == 200
