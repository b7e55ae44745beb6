"""`make bench`: the whole benchmark, on PostgreSQL and SQLite.

    .venv/bin/python -m bench.run --scale small [--db pg|sqlite|both] [--repeat 30] [--duration 10]
                                  [--no-load] [--fresh] [--seed 1]
    .venv/bin/python -m bench.run --database-url sqlite:////tmp/demo.sqlite3 --accounts demo   # a prepared DB

For each database: make sure it exists, is migrated and holds a generated dataset of the scale (reused
while its marker file in var/ matches scale, seed and generator; rebuilt with --fresh), then

1. ``manage.py bench_measure`` in a subprocess (in process timings, query counts), then
2. a load run: gunicorn on a free port of 127.0.0.1, ``wrk --latency`` against a few pages.

Results go to bench/results/<scale>-<stamp>.json and .md, and bench/results/latest-<scale>.md; the
Markdown is printed at the end. Only this module's own child processes are ever stopped.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from bench.report import render_markdown

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", ROOT / "var"))
PYTHON = sys.executable
BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
SETTINGS = "portal.settings.dev"
# A change to the generator makes the stored datasets stale.
GENERATOR_FILES = ["bench/generate.py", "bench/generate", "bench/management/commands/bench_generate.py"]

DATABASES = {
    "pg": ("postgresql", "PostgreSQL"),
    "sqlite": ("sqlite", "SQLite"),
}

# (key, label, role or None, path): what the load run requests.
LOAD_PAGES = [
    ("plain", "Calibration: plain text", None, "/bench/plain/"),
    ("one_query", "Calibration: one query + template", None, "/bench/one-query/"),
    ("home", "Home page (CMS), anonymous", None, "/"),
    ("catalogue", "Catalogue, anonymous", None, "/shop/catalogue/"),
    ("ticket_table_agent", "Admin tickets: default (agent)", "agent", "/admin/support/tickets/"),
]

ACCOUNTS = {
    "bench": {"agent": "bench-agent@example.com"},
    "demo": {"agent": "agent@example.com"},
}


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- subprocesses -------------------------------------------------------------------------------------


def django_env(database_url: str, settings_module: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=database_url,
        DEBUG="0",
        PORTAL_BENCH_VIEWS="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args, env: dict, capture: bool = False, timeout: float | None = None) -> subprocess.CompletedProcess:
    command = [PYTHON, str(ROOT / "manage.py"), *map(str, args)]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if capture else None,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"`manage.py {' '.join(map(str, args))}` failed with exit code {result.returncode}")
    return result


def last_json_line(text: str) -> dict | None:
    for line in reversed((text or "").splitlines()):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None


# --- databases ----------------------------------------------------------------------------------------


def generator_digest() -> str:
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def pg_admin():
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def pg_exists(name: str) -> bool:
    with pg_admin() as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def pg_recreate(name: str) -> None:
    from psycopg import sql

    with pg_admin() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def sqlite_remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class Dataset:
    """One benchmark database of one scale, and the marker file saying what it holds."""

    def __init__(self, kind: str, scale: str, seed: int):
        self.kind, self.scale, self.seed = kind, scale, seed
        if kind == "pg":
            self.name = f"portal_bench_{scale}"
            self.url = f"{PG_SERVER}/{self.name}"
        else:
            self.path = VAR_DIR / f"bench-{scale}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        self.marker = VAR_DIR / f"bench-{kind}-{scale}.json"

    def exists(self) -> bool:
        return pg_exists(self.name) if self.kind == "pg" else self.path.exists()

    def wanted_marker(self) -> dict:
        return {"scale": self.scale, "seed": self.seed, "url": self.url, "generator": generator_digest()}

    def reusable(self, *, ignore_generator: bool = False) -> tuple[bool, str]:
        if not self.marker.exists():
            return False, "no marker file"
        if not self.exists():
            return False, "the database is missing"
        try:
            marker = json.loads(self.marker.read_text())
        except (OSError, json.JSONDecodeError):
            return False, "unreadable marker file"
        for key, value in self.wanted_marker().items():
            if key == "generator" and ignore_generator:
                continue
            if marker.get(key) != value:
                return False, f"marker {key} is {marker.get(key)!r}, wanted {value!r}"
        return True, "marker matches"

    def recreate(self) -> None:
        self.marker.unlink(missing_ok=True)
        if self.kind == "pg":
            pg_recreate(self.name)
        else:
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            sqlite_remove(self.path)

    def prepare(self, *, fresh: bool, keep: bool, settings_module: str) -> dict:
        """Migrated and generated; returns what happened."""
        env = django_env(self.url, settings_module)
        reusable, reason = (False, "--fresh") if fresh else self.reusable(ignore_generator=keep)
        if reusable:
            log(f"{self.url}: reusing the {self.scale} dataset ({reason}); migrating")
            manage("migrate", "--noinput", "-v", "0", env=env)
            return {"reused": True, "generate": json.loads(self.marker.read_text()).get("generate")}
        log(f"{self.url}: building a fresh {self.scale} dataset ({reason})")
        self.recreate()
        started = time.perf_counter()
        manage("migrate", "--noinput", "-v", "0", env=env)
        migrate_seconds = time.perf_counter() - started
        started = time.perf_counter()
        output = manage("bench_generate", "--scale", self.scale, "--seed", self.seed, env=env, capture=True).stdout
        sys.stderr.write(output)
        generate = last_json_line(output) or {}
        generate.setdefault("seconds", round(time.perf_counter() - started, 1))
        generate["migrate_seconds"] = round(migrate_seconds, 1)
        marker = {
            **self.wanted_marker(),
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "generate": generate,
        }
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(json.dumps(marker, indent=2) + "\n")
        return {"reused": False, "generate": generate}


# --- measuring in process ---------------------------------------------------------------------------


def measure(database_url: str, args) -> dict:
    env = django_env(database_url, args.settings)
    with tempfile.NamedTemporaryFile(prefix="bench-measure-", suffix=".json", delete=False) as out:
        out_path = Path(out.name)
    command = [
        "bench_measure",
        "--repeat", args.repeat,
        "--warmup", args.warmup,
        "--checkout-repeat", args.checkout_repeat,
        "--accounts", args.accounts,
        "--out", out_path,
    ]
    if args.scale:
        command += ["--scale", args.scale]
    if args.pages:
        command += ["--only", args.pages]
    try:
        manage(*command, env=env)
        return json.loads(out_path.read_text())
    finally:
        out_path.unlink(missing_ok=True)


# --- the load run ---------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(number: str, unit: str) -> float:
    return round(float(number) * UNITS_MS[unit], 3)


def parse_wrk(text: str) -> dict:
    """Requests/sec, the --latency percentiles and the error lines of wrk's report."""
    result: dict = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["rps"] = float(match.group(1)) if match else None
    for percent, number, unit in re.findall(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, flags=re.M):
        result[f"p{percent}_ms"] = to_ms(number, unit)
    match = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
    if match:
        result["requests"] = int(match.group(1))
        result["seconds"] = to_ms(match.group(2), match.group(3)) / 1000
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    result["non_2xx_3xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = sum(map(int, match.groups())) if match else 0
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, cookie: str | None = None, timeout: float = 30) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Cookie": cookie} if cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Gunicorn:
    def __init__(self, env: dict, *, workers: int, worker_class: str, threads: int, log_path: Path):
        self.port = free_port()
        command = [
            str(BIN / "gunicorn"),
            "portal.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--worker-class", worker_class,
            "--log-level", "warning",
            "--error-logfile", str(log_path),
        ]
        if worker_class == "gthread":
            command += ["--threads", str(threads)]
        self.description = f"{workers} {worker_class} workers" + (f" × {threads} threads" if worker_class == "gthread" else "")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {self.process.returncode}")
            try:
                if http_get(self.port, "/healthz/", timeout=5) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz/ in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM to our own master: it stops its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def session_cookie(env: dict, email: str) -> str:
    output = manage("bench_session", "--email", email, env=env, capture=True).stdout
    return output.strip().splitlines()[-1]


def load_run(database_url: str, args) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"error": "wrk is not installed (make bench installs Debian's wrk)", "results": []}
    env = django_env(database_url, args.settings)
    emails = {"agent": args.agent or ACCOUNTS[args.accounts]["agent"]}
    cookies = {role: session_cookie(env, email) for role, email in emails.items()}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    server = Gunicorn(
        env, workers=args.workers, worker_class=args.worker_class, threads=args.threads, log_path=VAR_DIR / "bench-gunicorn.log"
    )
    command = f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency"
    rows = []
    try:
        server.wait_ready()
        log(f"gunicorn ({server.description}) on 127.0.0.1:{server.port}")
        for key, label, role, path in LOAD_PAGES:
            row = {"key": key, "label": label, "user": role or "anonymous", "path": path}
            rows.append(row)
            cookie = cookies.get(role)
            status = http_get(server.port, path, cookie)
            row["status"] = status
            if status != 200:
                row["error"] = f"GET {path} answered {status} before the run"
                log(f"load {key}: {row['error']}")
                continue
            url = f"http://127.0.0.1:{server.port}{path}"
            headers = ["-H", f"Cookie: {cookie}"] if cookie else []
            if args.load_warmup > 0:
                subprocess.run(
                    [wrk, "-t1", f"-c{args.connections}", f"-d{args.load_warmup}s", *headers, url],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=args.load_warmup + 60,
                )
            result = subprocess.run(
                [wrk, f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "--timeout", "30s", *headers, url],
                capture_output=True,
                text=True,
                timeout=args.duration + 120,
            )
            row.update(parse_wrk(result.stdout))
            if result.returncode != 0 or row.get("rps") is None:
                row["error"] = f"wrk failed: {result.stderr.strip() or result.stdout.strip()}"[:300]
            log(
                f"load {key:20} {row.get('rps') or 0:8.1f} req/s  p50 {row.get('p50_ms') or 0:7.1f} ms  "
                f"p99 {row.get('p99_ms') or 0:7.1f} ms  non-2xx {row.get('non_2xx_3xx')}"
            )
    finally:
        server.stop()
    return {"command": command, "server": server.description, "results": rows}


# --- the run ------------------------------------------------------------------------------------------


def ensure_static_root(settings_module: str) -> None:
    """Whitenoise warns on every start without STATIC_ROOT; the pages' CSS is not measured, but serve it."""
    static_root = Path(os.environ.get("STATIC_ROOT", ROOT / "static"))
    if not static_root.exists():
        log("collecting static files once (STATIC_ROOT is missing)")
        manage("collectstatic", "--noinput", "-v", "0", env=django_env("sqlite://:memory:", settings_module))


def latest_results(scale: str, exclude: Path | None = None) -> dict | None:
    for path in sorted(RESULTS_DIR.glob(f"{scale}-*.json"), reverse=True):
        if exclude is not None and path == exclude:
            continue
        try:
            results = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        if results.get("kind") == "bench_run" and results.get("databases"):
            return results
    return None


def run_database(kind: str, args) -> dict:
    vendor, label = DATABASES.get(kind, (kind, kind))
    entry: dict = {"label": label}
    if args.database_url:
        url = args.database_url
        entry["label"] = f"{url.split(':', 1)[0]} (prepared: {url})"
    else:
        dataset = Dataset(kind, args.scale, args.seed)
        url = dataset.url
        started = time.perf_counter()
        entry.update(dataset.prepare(fresh=args.fresh, keep=args.keep, settings_module=args.settings))
        entry["prepare_seconds"] = round(time.perf_counter() - started, 1)
    entry["url"] = url
    # Other work on the machine skews every figure: say how busy it was.
    entry["load_average"] = round(os.getloadavg()[0], 2)
    log(f"{entry['label']}: measuring in process (load average {entry['load_average']})")
    started = time.perf_counter()
    entry["measure"] = measure(url, args)
    entry["measure_seconds"] = round(time.perf_counter() - started, 1)
    if not args.no_load:
        log(f"{entry['label']}: load run")
        started = time.perf_counter()
        entry["load"] = load_run(url, args)
        entry["load_seconds"] = round(time.perf_counter() - started, 1)
    return entry


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="small", choices=["small", "medium", "large"])
    parser.add_argument("--db", default="both", choices=["pg", "sqlite", "both"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the datasets")
    parser.add_argument(
        "--keep", action="store_true", help="reuse a dataset of this scale and seed even if the generator changed since"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (in process)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--checkout-repeat", type=int, default=10, help="timed checkouts (each places an order)")
    parser.add_argument("--pages", default="", help="only these in-process pages (comma-separated keys)")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn + wrk run")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--load-warmup", type=int, default=2, help="seconds of untimed wrk per page first")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--settings", default=SETTINGS, help=f"settings module (default {SETTINGS}, with DEBUG=0)")
    parser.add_argument("--database-url", default=None, help="measure this prepared database instead (no generation)")
    parser.add_argument("--accounts", default="bench", choices=sorted(ACCOUNTS), help="account preset (demo: load_demo_data's)")
    parser.add_argument("--agent", default=None, help="the agent's email for the load run's session")
    parser.add_argument("--no-save", action="store_true", help="print the report only")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    started_at = datetime.now()
    started = time.perf_counter()
    kinds = ["custom"] if args.database_url else (["pg", "sqlite"] if args.db == "both" else [args.db])
    results = {
        "kind": "bench_run",
        "version": 1,
        "scale": args.scale,
        "seed": args.seed,
        "started_at": started_at.isoformat(timespec="seconds"),
        "options": {
            "repeat": args.repeat,
            "warmup": args.warmup,
            "checkout_repeat": args.checkout_repeat,
            "duration": args.duration,
            "connections": args.connections,
            "workers": args.workers,
            "worker_class": args.worker_class,
            "settings": args.settings,
            "fresh": args.fresh,
            "load": not args.no_load,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "databases": {},
    }
    if not args.no_load:
        ensure_static_root(args.settings)
    failed = False
    for kind in kinds:
        name = DATABASES.get(kind, (kind,))[0]
        try:
            results["databases"][name] = run_database(kind, args)
        except Exception as error:  # one database failing still reports the other
            failed = True
            traceback.print_exc()
            results["databases"][name] = {"label": DATABASES.get(kind, (kind, kind))[1], "error": str(error)}
    results["wall_seconds"] = round(time.perf_counter() - started, 1)

    stamp = started_at.strftime("%Y%m%d-%H%M%S")
    json_path = RESULTS_DIR / f"{args.scale}-{stamp}.json"
    baseline = latest_results("small", exclude=json_path)
    markdown = render_markdown(results, baseline=baseline)
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=2) + "\n")
        json_path.with_suffix(".md").write_text(markdown + "\n")
        (RESULTS_DIR / f"latest-{args.scale}.md").write_text(markdown + "\n")
        log(f"wrote {json_path.relative_to(ROOT)} and .md, and bench/results/latest-{args.scale}.md")
    print(markdown)
    failed = failed or any(
        not page.get("ok") for db in results["databases"].values() for page in (db.get("measure") or {}).get("pages", [])
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
