"""The benchmark's Markdown report and targets, from hand-written results."""

from bench.report import MET, MISSED, NA, evaluate_targets, render_markdown


def page(key, median, *, queries=10, calibration="one_query", group="site", user="anonymous", page2=None, ok=True):
    return {
        "key": key,
        "label": key.replace("_", " ").capitalize(),
        "group": group,
        "user": user,
        "calibration": calibration,
        "url": f"/{key}/",
        "ok": ok,
        "error": None if ok else "status 500, expected 200",
        "status": 200 if ok else 500,
        "queries": queries,
        "queries_page2": page2,
        "median_ms": median,
        "p95_ms": median * 1.2,
    }


def database(*, ticket_table=15.0, ticket_list_queries=12, search=40.0, home_rps=300.0):
    return {
        "label": "PostgreSQL",
        "measure": {
            "counts": {"tickets": 1000, "products": 200},
            "pages": [
                page("one_query", 2.0, queries=1, group="calibration"),
                page("admin_empty", 10.0, queries=7, calibration="admin_empty", group="calibration", user="lead"),
                page("ticket_list", 12.0, queries=ticket_list_queries, page2=ticket_list_queries, user="customer"),
                page("ticket_table", ticket_table, queries=18, page2=18, calibration="admin_empty", group="admin", user="lead"),
                page("ticket_search_common", search, queries=19, calibration="admin_empty", group="admin", user="lead"),
                page("admin_home", 30.0, ok=False, calibration="admin_empty", group="admin", user="lead"),
            ],
        },
        "load": {
            "command": "wrk -t2 -c8 -d10s --latency",
            "server": "3 sync workers",
            "results": [
                {"key": "one_query", "label": "One query", "rps": 500.0, "p50_ms": 10.0, "p90_ms": 14.0, "p99_ms": 20.0},
                {"key": "home", "label": "Home", "rps": home_rps, "p50_ms": 25.0, "p90_ms": 30.0, "p99_ms": 45.0},
            ],
        },
    }


def statuses(targets):
    return {target.number: target.status for target in targets}


class TargetTests:
    def test_met_and_missed_within_one_scale(self):
        targets = evaluate_targets(database(), scale="small")

        found = statuses(targets)
        assert found[1] == MET  # page 1 = page 2 everywhere
        assert found[2] == MET  # ticket table 15 ms = 1.5× the empty admin page
        assert found[3] == MISSED  # search 40 ms = 4× the empty admin page
        assert found[4] == MISSED  # the admin home failed
        assert found[5] == MET  # ticket list 12 ms = 6× the one-query view
        assert found[6] == NA  # no shop pages measured
        assert found[7] == MET  # 300 req/s ≥ 0.5 × 500 req/s
        assert any("4.0× empty admin page" in text for text in targets[2].failures)

    def test_a_larger_scale_is_compared_with_the_small_run(self):
        small = database(ticket_table=8.0)
        large = database(ticket_table=15.0, ticket_list_queries=14, home_rps=100.0)

        found = statuses(evaluate_targets(large, scale="large", baseline_db=small, baseline_scale="small"))

        assert found[1] == MISSED  # the ticket list went from 12 to 14 queries
        assert found[2] == MISSED  # 15 ms is 1.9× the 8 ms at the small scale
        assert found[7] == MISSED  # 100 req/s < 0.5 × 500 req/s

    def test_without_a_load_run_the_throughput_target_is_not_applicable(self):
        db = database()
        del db["load"]

        assert statuses(evaluate_targets(db, scale="small"))[7] == NA


class MarkdownTests:
    def test_tables_and_targets_per_database(self):
        results = {
            "scale": "small",
            "started_at": "2025-01-01T10:00:00",
            "wall_seconds": 300.0,
            "options": {"repeat": 30, "warmup": 3, "checkout_repeat": 10},
            "databases": {"postgresql": database(), "sqlite": {**database(search=20.0), "label": "SQLite"}},
        }

        markdown = render_markdown(results)

        assert markdown.startswith("# Benchmark: small scale")
        assert "## PostgreSQL" in markdown and "## SQLite" in markdown
        assert "| Ticket table | lead | 18 | 15.0 | 18.0 | 1.5× empty admin page |" in markdown
        assert "| Ticket list | customer | 12 | 12.0 | 14.4 | 6.0× one-query view |" in markdown
        assert "| Home | anonymous | 300 | 25.0 | 30.0 | 45.0 | 0.60× |" in markdown
        assert "**MET** — Admin ticket and task tables" in markdown
        assert "**MISSED** — Admin ticket text search" in markdown
        assert "- **admin_home** (/admin_home/): status 500, expected 200" in markdown
        # the glance table: search missed on PostgreSQL (4×), met on SQLite (2×)
        assert "| 3. Admin ticket text search ≤ 3× empty admin page | MISSED | MET |" in markdown

    def test_shows_the_small_medians_beside_a_larger_run(self):
        baseline = {"scale": "small", "started_at": "then", "databases": {"postgresql": database(ticket_table=8.0)}}
        results = {"scale": "large", "databases": {"postgresql": database()}}

        markdown = render_markdown(results, baseline=baseline)

        assert "median at small |" in markdown
        assert "| Ticket table | lead | 18 | 15.0 | 18.0 | 1.5× empty admin page | 8.0 |" in markdown
