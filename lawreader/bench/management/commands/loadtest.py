"""python manage.py loadtest: gunicorn on 127.0.0.1, wrk for a bounded time per page, figures into results.json.

Run `manage.py bench` first: it creates the synthetic code the pages come from. Traffic goes to the loopback
address only, for a fixed duration per target, and the server is stopped at the end."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lawreader.bench.management.commands.bench import SLUG
from lawreader.store.models import Revision

HOST, PORT = "127.0.0.1", 8765
WORKERS = 3


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
        server = self.start_server()
        try:
            article = self.fetch(targets["article_page"])
            targets["static_same_size"] = self.static_file_like(article)
            self.stop_server(server)
            server = self.start_server()  # whitenoise indexes static files when it starts
            report = {"connections": options["connections"], "duration_s": options["duration"], "workers": WORKERS}
            for name, path in targets.items():
                self.fetch(path)  # warm: the first request fills the cache, as a CDN's first miss would
                report[name] = self.wrk(path, options["duration"], options["connections"])
                self.stdout.write(
                    f"  {name}: {report[name]['requests_per_s']:.0f} req/s, p99 "
                    f"{report[name]['p99_ms']:.1f} ms, errors {report[name]['errors']}"
                )
                self.stdout.flush()
        finally:
            self.stop_server(server)
        static = report["static_same_size"]["requests_per_s"]
        report["cached_article_vs_static"] = (
            round(report["article_page"]["requests_per_s"] / static, 2) if static else None
        )
        self.write(report, Path(options["output"]))

    def start_server(self):
        env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": HOST, "DJANGO_SECURE_SSL_REDIRECT": "0"}
        env.setdefault("DJANGO_SECRET_KEY", "loadtest-only")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "lawreader.wsgi",
                "-b",
                f"{HOST}:{PORT}",
                "-w",
                str(WORKERS),
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://{HOST}:{PORT}/laws/", timeout=2)
                return server
            except OSError:
                time.sleep(0.2)
        self.stop_server(server)
        raise CommandError("gunicorn did not start on 127.0.0.1:8765")

    def stop_server(self, server):
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    def fetch(self, path):
        with urllib.request.urlopen(f"http://{HOST}:{PORT}{path}", timeout=30) as response:
            return response.read()

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
                f"http://{HOST}:{PORT}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        ).stdout
        return parse_wrk(output)

    def write(self, report, path):
        results = json.loads(path.read_text()) if path.exists() else {}
        results.setdefault("loadtest", {})[connection.vendor] = report
        path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        self.stdout.write(self.style.SUCCESS(f"Load test figures for {connection.vendor} written to {path}"))


def parse_wrk(output):
    requests = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(int(n) for n in socket.groups()) if socket else 0)
    return {"requests_per_s": requests, "p99_ms": round(float(p99.group(1)) * scale, 2), "errors": errors}
