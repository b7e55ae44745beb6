"""Helpers for the browser tests: accessibility checks and screenshots."""

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"

# Moderate and minor findings are worth reading in the saved report, but only
# these block a change: they stop some people from using the page at all.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
NODES_SHOWN = 5

_axe = Axe()


def _artifact_path(name, suffix):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR / f"{name}{suffix}"


def save_screenshot(page, name):
    """Save a full-page screenshot to tests/e2e/screenshots/<name>.png and return its path."""
    path = _artifact_path(name, ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


def check_accessibility(page, name):
    """Run axe-core on the page and fail on every serious or critical violation."""
    report_path = _artifact_path(name, ".axe.json")
    report_path.unlink(missing_ok=True)
    results = _axe.run(page)
    violations = results.response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if not violations:
        return results
    # Keep the whole report next to the screenshot: the failure message only shows the first nodes.
    report_path.write_text(json.dumps(violations, indent=2))
    if blocking:
        lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {name} ({page.url}):"]
        for violation in blocking:
            lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
            for node in violation["nodes"][:NODES_SHOWN]:
                lines.append(f"    {', '.join(str(t) for t in node['target'])}: {_last_line(node.get('failureSummary', ''))}")
            hidden = len(violation["nodes"]) - NODES_SHOWN
            if hidden > 0:
                lines.append(f"    ... and {hidden} more")
        pytest.fail("\n".join(lines), pytrace=False)
    return results


def _last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
