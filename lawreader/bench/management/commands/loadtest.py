"""python manage.py loadtest: gunicorn on 127.0.0.1, wrk for a bounded time per page, figures into results.json.

Run `manage.py bench` first: it creates the synthetic code the pages come from. Traffic goes to the loopback
address only, for a fixed duration per target, and the server is stopped at the end."""

import contextlib
import json
import os
import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lawreader.bench import server
from lawreader.bench.management.commands.bench import SLUG
from lawreader.store.models import Revision


class Command(BaseCommand):
    help = "Load-test the article page, a search, a comparison and a static file of the same size behind gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=30, help="Seconds per target.")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.json"))

    def handle(self, *args, **options):
        if not Path("/usr/bin/wrk").exists():
            raise CommandError("wrk is not installed (apt-get install wrk); `make loadtest` installs it.")
        revisions = list(Revision.objects.filter(law__slug=SLUG).order_by("valid_from"))
        if len(revisions) < 2:
            raise CommandError("No benchmark law in this database: run `manage.py bench` first.")
        latest, previous = revisions[-1], revisions[-2]
        targets = {
            "article_page": f"/laws/{SLUG}/on/{latest.valid_from}/art_500/",
            "search": f"/search/?q=taxpayers+income&law={SLUG}",
            "compare": f"/laws/{SLUG}/compare/{previous.valid_from}/to/{latest.valid_from}/",
        }
        with server.gunicorn():
            article = server.fetch(targets["article_page"])
        targets["static_same_size"] = self.static_file_like(article)
        report = {"connections": options["connections"], "duration_s": options["duration"], "workers": server.WORKERS}
        # A new server (whitenoise indexes static files when it starts), sharing pages through a Redis of its own
        # unless REDIS_URL names one.
        with contextlib.ExitStack() as stack:
            redis_url = os.environ.get("REDIS_URL") or stack.enter_context(server.redis_server())
            stack.enter_context(server.gunicorn(REDIS_URL=redis_url))
            for name, path in targets.items():
                server.fetch(path)  # warm: the first request fills the cache, as a CDN's first miss would
                report[name] = self.wrk(path, options["duration"], options["connections"])
                self.stdout.write(
                    f"  {name}: {report[name]['requests_per_s']:.0f} req/s, p99 "
                    f"{report[name]['p99_ms']:.1f} ms, errors {report[name]['errors']}"
                )
                self.stdout.flush()
        static = report["static_same_size"]["requests_per_s"]
        report["cached_article_vs_static"] = (
            round(report["article_page"]["requests_per_s"] / static, 2) if static else None
        )
        self.write(report, Path(options["output"]))

    def static_file_like(self, content):
        """A static file of the article page's size: the ceiling for serving that many bytes."""
        path = Path(settings.STATIC_ROOT) / "loadtest" / "same-size.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return f"{settings.STATIC_URL if settings.STATIC_URL.startswith('/') else '/' + settings.STATIC_URL}loadtest/same-size.html"

    def wrk(self, path, duration, connections):
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "--latency",
                server.url(path),
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        ).stdout
        return parse_wrk(output)

    def write(self, report, path):
        write_results(path, "loadtest", report)
        self.stdout.write(self.style.SUCCESS(f"Load test figures for {connection.vendor} written to {path}"))


def write_results(path, section, report):
    """Put `report` under results[section][database vendor], keeping everything else in the file."""
    results = json.loads(path.read_text()) if path.exists() else {}
    results.setdefault(section, {})[connection.vendor] = report
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


def parse_wrk(output):
    requests = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(int(n) for n in socket.groups()) if socket else 0)
    return {"requests_per_s": requests, "p99_ms": round(float(p99.group(1)) * scale, 2), "errors": errors}
