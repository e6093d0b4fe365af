"""python manage.py freshness: how long a published or unpublished note takes to reach every reader under load,
and whether junk query strings grow the page cache. gunicorn on 127.0.0.1, per-process caches and then Redis.

Run `manage.py bench` first (the synthetic code the pages come from)."""

import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lawreader.bench import server
from lawreader.bench.management.commands.bench import SLUG
from lawreader.bench.management.commands.loadtest import write_results
from lawreader.store.models import Annotation, Revision

CONSECUTIVE = 12  # a change has reached every reader once this many requests in a row (any worker) show it
JUNK_QUERIES = 1000


class Command(BaseCommand):
    help = "Publish→visible and unpublish→gone times under load, and page-cache memory after junk query strings."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.json"))

    def handle(self, *args, **options):
        revision = Revision.objects.filter(law__slug=SLUG).order_by("valid_from").last()
        if revision is None:
            raise CommandError("No benchmark law in this database: run `manage.py bench` first.")
        path = f"/laws/{SLUG}/on/{revision.valid_from}/art_500/"
        report = {"connections_of_background_load": 16, "rounds": options["rounds"], "workers": server.WORKERS}
        with server.gunicorn() as process:
            report["per_process"] = self.measure(process, revision, path, options["rounds"])
        with server.redis_server() as redis_url, server.gunicorn(REDIS_URL=redis_url) as process:
            report["redis"] = self.measure(process, revision, path, options["rounds"])
        write_results(Path(options["output"]), "freshness", report)
        self.stdout.write(
            self.style.SUCCESS(f"Freshness figures for {connection.vendor} written to {options['output']}")
        )

    def measure(self, process, revision, path, rounds):
        server.fetch(path)
        load = subprocess.Popen(
            ["wrk", "-t2", "-c16", "-d600s", server.url(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            published, unpublished = [], []
            for number in range(rounds):
                marker = f"Freshness marker {number} {time.time_ns()}"
                started = time.perf_counter()
                note = Annotation.objects.create(
                    law_id=revision.law_id, revision=revision, target_eid="art_500", kind="commentary",
                    title=marker, body="Measured.", status="published",
                )  # fmt: skip
                published.append(self.until(path, lambda page, m=marker: m in page, started))
                started = time.perf_counter()
                Annotation.objects.filter(pk=note.pk).update(status="draft")
                unpublished.append(self.until(path, lambda page, m=marker: m not in page, started))
                note.delete()
            memory = self.junk_memory(process, path)
        finally:
            load.terminate()
            load.wait(10)
        figures = {
            "publish_visible_ms": describe(published),
            "unpublish_gone_ms": describe(unpublished),
            **memory,
        }
        self.stdout.write(f"  {figures}")
        return figures

    @staticmethod
    def until(path, condition, started):
        """Milliseconds from `started` to the first of CONSECUTIVE requests in a row that all meet `condition`."""
        first_seen, streak = None, 0
        while streak < CONSECUTIVE:
            with urllib.request.urlopen(server.url(path), timeout=30) as response:
                seen = condition(response.read().decode())
            now = time.perf_counter()
            if seen:
                first_seen = first_seen if streak else now
                streak += 1
            else:
                streak = 0
            if now - started > 30:
                raise CommandError(f"a change to {path} was not visible after 30 s")
        return (first_seen - started) * 1000

    @staticmethod
    def junk_memory(process, path):
        before = server.worker_memory_kib(process)
        for number in range(JUNK_QUERIES):
            server.fetch(f"{path}?v={number}&utm_source=junk{number}")
        after = server.worker_memory_kib(process)
        return {
            "workers_rss_kib_before_junk": before,
            "workers_rss_kib_after_junk": after,
            "junk_requests": JUNK_QUERIES,
        }


def describe(samples):
    return {"median": round(statistics.median(samples), 1), "max": round(max(samples), 1), "runs": len(samples)}
