"""python manage.py bench: a 1,000-article code in 10 editions, measured on the database DATABASE_URL names."""

import datetime
import itertools
import json
import platform
import random
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lawreader.bench import synthetic
from lawreader.bench.measure import peak_mib, summary, timed
from lawreader.compare.editions import compare_editions
from lawreader.ingest.importer import import_statute
from lawreader.store.models import Annotation, Law, Provision
from lawreader.web import page_cache

SLUG = "bench-code"
FIRST_DATE = datetime.date(2015, 1, 1)
ANNOTATIONS = 3000


class Command(BaseCommand):
    help = "Benchmark import, pages, search and comparison on a synthetic 1,000-article code (10 editions)."

    def add_arguments(self, parser):
        parser.add_argument("--editions", type=int, default=10)
        parser.add_argument(
            "--chapters", type=int, default=40, help="Chapters of 25 articles each (40: 1,000 articles)."
        )
        parser.add_argument("--runs", type=int, default=30, help="Runs per page or query measured.")
        parser.add_argument(
            "--scales",
            default="100,10000",
            help="Codes of these many articles (2 editions each) measured for cost per provision; '' for none.",
        )
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.json"))

    def handle(self, *args, **options):
        self.rng = random.Random(7)
        self.runs = options["runs"]
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        report = {"backend": connection.vendor}
        self.say(f"Benchmark on {connection.vendor}: generating {options['editions']} editions…")
        Law.objects.filter(slug=SLUG).delete()
        law = Law.objects.create(slug=SLUG, title="Synthetic Code", short_title="Synthetic Code", number="No. 1-B")
        editions = synthetic.editions(options["editions"], chapters=options["chapters"])
        revisions = self.import_editions(law, editions, report)
        self.add_annotations(law, revisions)
        self.client = Client(HTTP_HOST="localhost")
        self.measure_pages(law, revisions[-1], report)
        self.measure_search(report)
        self.measure_compare(law, revisions, report)
        scales = [int(articles) for articles in options["scales"].split(",") if articles.strip()]
        report["scale"] = self.measure_scales(scales, report, options["chapters"] * 25)
        self.write(report, Path(options["output"]))

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def import_editions(self, law, editions, report):
        revisions, samples = [], []
        for number, edition in enumerate(editions):
            text = synthetic.as_text(edition)
            valid_from = FIRST_DATE + datetime.timedelta(days=365 * number)
            [seconds] = timed(
                lambda text=text, valid_from=valid_from: revisions.append(self.import_one(law, text, valid_from)), 1
            )
            samples.append(seconds)
            self.say(
                f"  edition {number + 1}: {Provision.objects.of_revision(revisions[-1]).count() - 1} provisions, "
                f"imported and indexed in {seconds:.2f} s"
            )
        last = revisions[-1]
        report["import_peak_mib"] = peak_mib(
            lambda: import_statute(
                synthetic.as_text(editions[-1]), law=law, language="en", valid_from=last.valid_from, replace=True
            )
        )
        report["provisions"] = Provision.objects.of_revision(revisions[-1]).count() - 1
        report["provisions_all_editions"] = Provision.objects.filter(revision__law=law).count() - len(revisions)
        report["import_s"] = summary(samples)
        return revisions

    def import_one(self, law, text, valid_from):
        return import_statute(
            text, law=law, language="en", valid_from=valid_from, label=f"Edition of {valid_from}"
        ).revision

    def add_annotations(self, law, revisions):
        eids = list(Provision.objects.of_revision(revisions[0]).filter(kind="article").values_list("eid", flat=True))
        notes = [
            Annotation(
                law=law,
                revision=self.rng.choice(revisions),
                target_eid=self.rng.choice(eids),
                kind="commentary",
                title=f"Note {n}",
                body=synthetic.sentence(self.rng, 20, 60),
                status="published",
            )
            for n in range(min(ANNOTATIONS, 3 * len(eids)))
        ]
        Annotation.objects.bulk_create(notes, batch_size=1000)  # announced, so the search index follows
        if connection.vendor == "postgresql":
            # A site in use has fresh planner statistics (autovacuum); right after bulk loads the planner guesses.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.say(f"  {ANNOTATIONS} annotations added and indexed")

    def get(self, url):
        """The whole page, as a reader receives it (a streamed page to its last byte)."""
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        return response

    def first_bytes(self, url):
        """Seconds until a page's first bytes (a streamed page's first chunk), nothing cached."""
        page_cache.clear()
        start = time.perf_counter()
        response = self.client.get(url)
        if not response.streaming:
            return time.perf_counter() - start
        chunks = iter(response.streaming_content)
        next(chunks)
        seconds = time.perf_counter() - start
        for _chunk in chunks:
            pass
        return seconds

    def miss(self, url):
        """A page-cache miss on a site in use: the page is rendered, the law's shared data is warm."""
        page_cache.clear_pages()
        return self.get(url)

    def cold(self, url):
        """Nothing cached at all: as right after a deployment or a change to the law."""
        page_cache.clear()
        return self.get(url)

    def page(self, report, name, urls, runs):
        """`urls` are distinct pages: each timed request is a page-cache miss, with the law's shared data (its
        stamp, contents, note counts) warm from the first request, as on a site in use."""
        page_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            self.get(urls[0])
        report[f"{name}_queries"] = len(queries)
        if len(urls) > runs:
            misses = urls[1 : runs + 1]
            report[f"{name}_ms"] = summary([s * 1000 for s in timed(lambda: self.get(misses.pop()), runs)])
            cold_runs = max(3, runs // 3)
            report[f"{name}_cold_ms"] = summary([s * 1000 for s in timed(lambda: self.cold(urls[-1]), cold_runs)])
        else:  # a single page: each run forgets the stored pages (a miss), or everything (cold)
            report[f"{name}_ms"] = summary([s * 1000 for s in timed(lambda: self.miss(urls[0]), runs)])
            report[f"{name}_cold_ms"] = summary([s * 1000 for s in timed(lambda: self.cold(urls[0]), runs)])
        report[f"{name}_peak_mib"] = peak_mib(lambda: self.cold(urls[0]))
        self.say(
            f"  {name}: median {report[f'{name}_ms']['median']:.1f} ms, p95 {report[f'{name}_ms']['p95']:.1f} ms "
            f"(nothing cached: {report[f'{name}_cold_ms']['median']:.1f} ms), {report[f'{name}_queries']} queries"
        )

    def measure_pages(self, law, latest, report):
        self.say("Pages (server time through Django's test client):")
        date = latest.valid_from.isoformat()
        articles = list(Provision.objects.of_revision(latest).articles().values_list("eid", flat=True))
        self.article_numbers = [eid.removeprefix("art_") for eid in articles]
        sample = self.rng.sample(articles, min(len(articles), self.runs + 2))
        self.page(report, "article_page", [f"/laws/{SLUG}/on/{date}/{eid}/" for eid in sample], self.runs)
        self.page(report, "toc_page", [f"/laws/{SLUG}/on/{date}/contents/"], self.runs)
        self.page(report, "whole_edition", [f"/laws/{SLUG}/on/{date}/"], 3)
        first = [self.first_bytes(f"/laws/{SLUG}/on/{date}/") * 1000 for _ in range(3)]
        report["whole_edition_first_bytes_ms"] = summary(first)
        self.say(f"  whole_edition: first bytes after {report['whole_edition_first_bytes_ms']['median']:.0f} ms")
        report["article_queries"] = report["article_page_queries"]
        url = f"/laws/{SLUG}/on/{date}/{articles[0]}/"
        self.get(url)
        report["article_page_cached_ms"] = summary([s * 1000 for s in timed(lambda: self.get(url), self.runs)])
        self.say(f"  article_page from the page cache: median {report['article_page_cached_ms']['median']:.2f} ms")

    def search_times(self, queries):
        return [s * 1000 for query in queries for s in timed(lambda q=query: self.get(f"/search/?q={q}&law={SLUG}"), 1)]

    def measure_search(self, report):
        self.say("Search:")
        # As readers search: a rarer word, alone or with common ones ("income kamolka", "excise tervis").
        realistic = [
            " ".join([self.rng.choice(synthetic.RARE_WORDS), *self.rng.sample(synthetic.VOCABULARY, k)])
            for k in (0, 1, 2)
            for _ in range(20)
        ]
        # The worst case: only the commonest words, each in a third of the code.
        common = [" ".join(self.rng.sample(synthetic.VOCABULARY, k)) for k in (1, 2, 3) for _ in range(10)]
        report["search_ms"] = summary(self.search_times(realistic))
        report["search_common_words_ms"] = summary(self.search_times(common))
        with CaptureQueriesContext(connection) as queries:
            self.get(f"/search/?q={realistic[0]}&law={SLUG}")
        report["search_queries"] = len(queries)
        report["search_p50_ms"] = report["search_ms"]["median"]
        report["search_p95_ms"] = report["search_ms"]["p95"]
        citations = [f"Article {self.rng.choice(self.article_numbers)}" for _ in range(20)]
        for query in citations:
            response = self.client.get("/search/", {"q": query, "law": SLUG})
            assert response.status_code == 302, query
        samples = [
            s
            for query in citations
            for s in timed(lambda q=query: self.client.get("/search/", {"q": q, "law": SLUG}), 1)
        ]
        report["citation_search_ms"] = summary([s * 1000 for s in samples])
        self.say(
            f"  words: p50 {report['search_p50_ms']:.1f} ms, p95 {report['search_p95_ms']:.1f} ms; "
            f"citations: p50 {report['citation_search_ms']['median']:.1f} ms"
        )

    def measure_compare(self, law, revisions, report):
        self.say("Comparison:")
        pairs = list(itertools.pairwise(revisions))[-3:]
        consecutive = [timed(lambda a=a, b=b: compare_editions(a, b), 1)[0] for a, b in pairs]
        report["compare_s"] = summary(consecutive)
        report["compare_first_last_s"] = timed(lambda: compare_editions(revisions[0], revisions[-1]), 1)[0]
        report["compare_first_last_peak_mib"] = peak_mib(lambda: compare_editions(revisions[0], revisions[-1]))
        first, second = revisions[-2].valid_from, revisions[-1].valid_from
        self.page(report, "compare_page", [f"/laws/{SLUG}/compare/{first}/to/{second}/"], 3)
        self.say(
            f"  consecutive: median {report['compare_s']['median']:.2f} s; first to last "
            f"{report['compare_first_last_s']:.2f} s"
        )

    def measure_scales(self, scales, report, articles_here):
        """Cost per provision of import, first render of the whole edition and comparison of consecutive editions,
        for codes of other sizes beside this one: none may grow faster than linearly."""
        here = {
            "provisions": report["provisions"],
            "import_s": report["import_s"]["median"],
            "render_s": report["whole_edition_cold_ms"]["median"] / 1000,  # cold, as the other sizes are
            "compare_s": report["compare_page_cold_ms"]["median"] / 1000,
        }
        figures = {str(articles_here): per_provision(here)}
        for articles in scales:
            if articles != articles_here:
                figures[str(articles)] = per_provision(self.measure_scale(articles))
                self.say("  " + ", ".join(f"{name} {value}" for name, value in figures[str(articles)].items()))
        return figures

    def measure_scale(self, articles):
        """A code of `articles` articles in two editions: its import, its first render, their comparison."""
        slug = f"bench-code-{articles}"
        self.say(f"Scale: a code of {articles:,} articles")
        Law.objects.filter(slug=slug).delete()
        law = Law.objects.create(slug=slug, title="Synthetic Code", short_title="Synthetic Code", number="No. 2-B")
        older, newer = (synthetic.as_text(e) for e in synthetic.editions(2, chapters=max(1, articles // 25)))
        later = FIRST_DATE + datetime.timedelta(days=365)
        # The synthetic code is wordier than a real one: 10,000 of its articles are 42 million characters.
        limit = {"max_characters": max(len(older), len(newer))}
        [import_s] = timed(lambda: import_statute(older, law=law, language="en", valid_from=FIRST_DATE, **limit), 1)
        import_statute(newer, law=law, language="en", valid_from=later, **limit)
        figures = {
            "provisions": Provision.objects.filter(revision__law=law, revision__valid_from=later).count() - 1,
            "import_s": import_s,
            "render_s": timed(lambda: self.cold(f"/laws/{slug}/on/{later}/"), 1)[0],
            "compare_s": timed(lambda: self.cold(f"/laws/{slug}/compare/{FIRST_DATE}/to/{later}/"), 1)[0],
        }
        law.delete()
        return figures

    def write(self, report, path):
        path.parent.mkdir(exist_ok=True)
        results = json.loads(path.read_text()) if path.exists() else {}
        results["machine"] = {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": _cpu_count(),
            "date": datetime.date.today().isoformat(),
        }
        results[connection.vendor] = report
        path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        self.say(self.style.SUCCESS(f"Results for {connection.vendor} written to {path}"))


def per_provision(figures):
    """Microseconds per provision of each measured step."""
    provisions = figures["provisions"]
    return {
        "provisions": provisions,
        **{
            f"{step}_us_per_provision": round(figures[f"{step}_s"] / provisions * 1e6, 1)
            for step in ("import", "render", "compare")
        },
    }


def _cpu_count():
    import os

    return os.cpu_count()
