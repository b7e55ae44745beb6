"""The benchmark's report: Markdown tables per database and the targets, MET or MISSED, with their figures.

Input is the dict ``bench.run`` writes to ``bench/results/<scale>-<stamp>.json``::

    {"scale": "small", "databases": {"postgresql": {"label": ..., "measure": <bench_measure output>,
                                                    "load": {"command": ..., "results": [...]}}, ...}}

``baseline`` is an earlier run at the small scale (or None): the targets that compare scales use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MET, MISSED, NA = "MET", "MISSED", "n/a"

CALIBRATION_NAMES = {
    "one_query": "one-query view",
    "plain": "plain view",
    "admin_empty": "empty admin page",
    "admin_empty_agent": "empty admin page (agent)",
}

ADMIN_TABLES = [
    "ticket_table",
    "ticket_table_agent",
    "ticket_table_filtered",
    "ticket_table_sorted",
    "task_table",
    "task_table_filtered",
    "task_table_sorted",
]
ADMIN_SEARCH = ["ticket_search_common", "ticket_search_rare"]
CUSTOMER_PAGES = ["ticket_list", "ticket_page"]
SHOP_PAGES = ["catalogue", "category", "product"]


@dataclass
class Target:
    number: int
    title: str
    status: str = NA
    details: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, text: str) -> None:
        (self.details if ok else self.failures).append(text)

    def settle(self) -> "Target":
        if self.failures:
            self.status = MISSED
        elif self.details:
            self.status = MET
        return self


def pages_by_key(measure: dict | None) -> dict:
    return {page["key"]: page for page in (measure or {}).get("pages", [])}


def ratio(value, base) -> float | None:
    if value is None or not base:
        return None
    return value / base


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×"


def one_line(text) -> str:
    return " ".join(str(text).split())


def cell(text) -> str:
    """One line, safe inside a Markdown table."""
    return one_line(text).replace("|", "\\|")


def fmt_ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def calibration_median(pages: dict, page: dict) -> float | None:
    calibration = pages.get(page.get("calibration"))
    return calibration.get("median_ms") if calibration and calibration.get("ok") else None


def page_ratio(pages: dict, page: dict) -> float | None:
    if page.get("key") == page.get("calibration"):
        return None
    return ratio(page.get("median_ms"), calibration_median(pages, page))


def budget(target: Target, pages: dict, keys: list[str], limit: float) -> None:
    """Each page's median at most ``limit`` times its calibration view's."""
    for key in keys:
        page = pages.get(key)
        if page is None:
            continue
        if not page.get("ok"):
            target.check(False, f"{key}: failed ({one_line(page.get('error'))})")
            continue
        value = page_ratio(pages, page)
        base = CALIBRATION_NAMES.get(page["calibration"], page["calibration"])
        if value is None:
            target.check(False, f"{key}: no {base} to compare with")
            continue
        target.check(value <= limit, f"{key} {page['median_ms']:.1f} ms = {value:.1f}× {base} (≤ {limit:g}×)")


def compares_scales(scale: str | None, baseline: dict | None) -> bool:
    return bool(baseline) and scale not in (None, baseline.get("scale"))


def evaluate_targets(db: dict, *, scale: str | None, baseline_db: dict | None = None, baseline_scale=None) -> list[Target]:
    """The seven targets of issue #8 for one database; ``baseline_db`` is the same database at the small scale."""
    pages = pages_by_key(db.get("measure"))
    base_pages = pages_by_key((baseline_db or {}).get("measure"))
    across = bool(base_pages) and scale is not None and baseline_scale is not None and scale != baseline_scale

    stable = Target(1, "Query count does not grow with rows (page 1 = page 2; this scale = small)")
    for key, page in pages.items():
        if page.get("ok") and page.get("queries_page2") is not None:
            stable.check(
                page["queries"] == page["queries_page2"],
                f"{key}: page 1 {page['queries']} queries, page 2 {page['queries_page2']}",
            )
    if across:
        for key, page in pages.items():
            base = base_pages.get(key)
            if page.get("ok") and base and base.get("ok") and base.get("queries") is not None:
                stable.check(
                    page["queries"] == base["queries"],
                    f"{key}: {page['queries']} queries at {scale}, {base['queries']} at {baseline_scale}",
                )
    else:
        stable.details.append(f"scales: n/a ({'no small results to compare with' if not base_pages else 'this is the small scale'})")
    stable.settle()

    tables = Target(2, "Admin ticket and task tables (default, filters, sort): large ≤ 1.5× small, ≤ 2× empty admin page")
    budget(tables, pages, ADMIN_TABLES, 2.0)
    if across:
        for key in ADMIN_TABLES:
            page, base = pages.get(key), base_pages.get(key)
            if page and page.get("ok") and base and base.get("ok") and base.get("median_ms"):
                growth = page["median_ms"] / base["median_ms"]
                tables.check(
                    growth <= 1.5,
                    f"{key}: {page['median_ms']:.1f} ms at {scale} = {growth:.2f}× {base['median_ms']:.1f} ms at {baseline_scale} (≤ 1.5×)",
                )
    else:
        tables.details.append(f"large vs small: n/a ({'no small results' if not base_pages else 'this is the small scale'})")
    tables.settle()

    search = Target(3, "Admin ticket text search ≤ 3× empty admin page")
    budget(search, pages, ADMIN_SEARCH, 3.0)
    search.settle()

    home = Target(4, "Wagtail admin home ≤ 2× empty admin page")
    budget(home, pages, ["admin_home"], 2.0)
    home.settle()

    customer = Target(5, "Customer ticket list and ticket page ≤ 10× one-query view")
    budget(customer, pages, CUSTOMER_PAGES, 10.0)
    customer.settle()

    shop = Target(6, "Catalogue, category, product ≤ 30× one-query view, with a fixed number of queries")
    budget(shop, pages, SHOP_PAGES, 30.0)
    for key in SHOP_PAGES:
        page = pages.get(key)
        if not page or not page.get("ok"):
            continue
        if page.get("queries_page2") is not None:
            shop.check(page["queries"] == page["queries_page2"], f"{key}: {page['queries']} queries, page 2 {page['queries_page2']}")
        base = base_pages.get(key) if across else None
        if base and base.get("ok"):
            shop.check(page["queries"] == base["queries"], f"{key}: {page['queries']} queries, {base['queries']} at {baseline_scale}")
    shop.settle()

    throughput = Target(7, "Anonymous CMS page ≥ 0.5× the one-query view's throughput under load")
    load = {row["key"]: row for row in (db.get("load") or {}).get("results", [])}
    home_rps = (load.get("home") or {}).get("rps")
    one_rps = (load.get("one_query") or {}).get("rps")
    if not load:
        throughput.details.append("no load run")
        throughput.status = NA
    elif home_rps is None or not one_rps:
        throughput.check(False, "home or one-query load run failed")
        throughput.settle()
    else:
        throughput.check(
            home_rps >= 0.5 * one_rps,
            f"home {home_rps:.0f} req/s = {home_rps / one_rps:.2f}× one-query {one_rps:.0f} req/s (≥ 0.5×)",
        )
        throughput.settle()
    return [stable, tables, search, home, customer, shop, throughput]


# --- Markdown ----------------------------------------------------------------------------------------


def counts_line(counts: dict) -> str:
    return ", ".join(f"{value:,} {name}" for name, value in counts.items())


def measure_table(db: dict, *, baseline_db: dict | None, across: bool, baseline_scale=None) -> list[str]:
    measure = db.get("measure") or {}
    pages = pages_by_key(measure)
    base_pages = pages_by_key((baseline_db or {}).get("measure")) if across else {}
    header = "| page | user | queries | median ms | p95 ms | ratio to calibration |"
    rule = "| --- | --- | ---: | ---: | ---: | ---: |"
    if base_pages:
        header += f" median at {baseline_scale} |"
        rule += " ---: |"
    lines = [header, rule]
    for page in measure.get("pages", []):
        queries = "–" if page.get("queries") is None else str(page["queries"])
        if page.get("queries_page2") is not None and page["queries_page2"] != page["queries"]:
            queries += f" (p2: {page['queries_page2']})"
        value = page_ratio(pages, page)
        if page["group"] == "calibration":
            ratio_text = "calibration"
        elif value is None:
            ratio_text = "–"
        else:
            ratio_text = f"{fmt_ratio(value)} {CALIBRATION_NAMES.get(page['calibration'], page['calibration'])}"
        label = page["label"] if page.get("ok") else f"{page['label']} **ERROR**"
        row = f"| {label} | {page['user']} | {queries} | {fmt_ms(page.get('median_ms'))} | {fmt_ms(page.get('p95_ms'))} | {ratio_text} |"
        if base_pages:
            base = base_pages.get(page["key"])
            row += f" {fmt_ms(base.get('median_ms')) if base else '–'} |"
        lines.append(row)
    errors = [page for page in measure.get("pages", []) if not page.get("ok")]
    if errors:
        lines.append("")
        lines += [f"- **{page['key']}** ({page.get('url')}): {one_line(page.get('error'))}" for page in errors]
    return lines


def load_table(load: dict) -> list[str]:
    rows = load.get("results", [])
    one = next((row for row in rows if row["key"] == "one_query"), {})
    one_rps = one.get("rps")
    lines = [
        f"`{load.get('command', 'wrk')}` against gunicorn ({load.get('server', '')})",
        "",
        "| page | user | req/s | p50 ms | p90 ms | p99 ms | rps ratio to one-query | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        rps = row.get("rps")
        value = ratio(rps, one_rps) if row["key"] != "one_query" else None
        problems = cell(row.get("error") or "") or ", ".join(
            f"{name} {row[name]}" for name in ("non_2xx_3xx", "socket_errors") if row.get(name)
        )
        lines.append(
            f"| {row['label']} | {row.get('user', 'anonymous')} | {'–' if rps is None else f'{rps:.0f}'} | "
            f"{fmt_ms(row.get('p50_ms'))} | {fmt_ms(row.get('p90_ms'))} | {fmt_ms(row.get('p99_ms'))} | "
            f"{fmt_ratio(value) if value is not None else ('1.0×' if row['key'] == 'one_query' else '–')} | {problems or ''} |"
        )
    return lines


def targets_section(targets: list[Target]) -> list[str]:
    lines = []
    for target in targets:
        lines.append(f"{target.number}. **{target.status}** — {target.title}")
        for text in target.failures:
            lines.append(f"    - ✗ {text}")
        for text in target.details:
            lines.append(f"    - {text}")
    return lines


def render_markdown(results: dict, baseline: dict | None = None) -> str:
    scale = results.get("scale")
    baseline_scale = (baseline or {}).get("scale")
    across = compares_scales(scale, baseline)
    lines = [f"# Benchmark: {scale} scale, {results.get('started_at', '')}", ""]
    facts = []
    if results.get("wall_seconds") is not None:
        facts.append(f"wall time {results['wall_seconds']:.0f} s")
    if results.get("machine"):
        machine = results["machine"]
        facts.append(f"{machine.get('cpus', '?')} CPUs, Python {machine.get('python', '?')}")
    options = results.get("options") or {}
    if options:
        facts.append(
            f"{options.get('repeat')} timed requests per page after {options.get('warmup')} warm-ups "
            f"({options.get('checkout_repeat')} for checkouts)"
        )
    if baseline:
        facts.append(f"compared with the small run of {baseline.get('started_at', '?')}" if across else "no other scale to compare with")
    if facts:
        lines += ["; ".join(facts) + ".", ""]
    lines += [
        "Server time is measured in process with Django's test client (middleware, views, templates, database;",
        "no network), DEBUG off. Ratios: admin pages against the empty admin page of the same user, everything",
        "else against the one-query view.",
        "",
    ]
    summary = []
    for name, db in (results.get("databases") or {}).items():
        baseline_db = ((baseline or {}).get("databases") or {}).get(name)
        measure = db.get("measure") or {}
        lines += [f"## {db.get('label', name)}", ""]
        if db.get("error"):
            lines += [f"**The run failed:** {db['error']}", ""]
        data = []
        if measure.get("counts"):
            data.append("data: " + counts_line(measure["counts"]))
        if db.get("generate"):
            seconds = db["generate"].get("seconds")
            data.append("generated" if seconds is None else f"generated in {seconds:.0f} s")
        if db.get("reused"):
            data.append("dataset reused")
        if db.get("load_average"):
            data.append(f"machine load average {db['load_average']:.1f} when measuring began")
        if data:
            lines += ["; ".join(data) + ".", ""]
        if measure.get("pages"):
            lines += measure_table(db, baseline_db=baseline_db, across=across, baseline_scale=baseline_scale) + [""]
        if db.get("load"):
            lines += ["### Under load", ""] + load_table(db["load"]) + [""]
        targets = evaluate_targets(db, scale=scale, baseline_db=baseline_db, baseline_scale=baseline_scale)
        lines += ["### Targets", ""] + targets_section(targets) + [""]
        summary.append((db.get("label", name), targets))
    if len(summary) > 1:
        lines += ["## Targets at a glance", "", "| target | " + " | ".join(label for label, _ in summary) + " |"]
        lines.append("| --- |" + " --- |" * len(summary))
        for index, target in enumerate(summary[0][1]):
            statuses = " | ".join(targets[index].status for _, targets in summary)
            lines.append(f"| {target.number}. {target.title} | {statuses} |")
        lines.append("")
    return "\n".join(lines)
