"""The benchmark command runs end to end (on a small code) and reports every figure the issue names."""

import io
import json

import pytest
from django.core.management import call_command

from lawreader.bench import synthetic
from lawreader.ingest.parser import parse_statute

pytestmark = pytest.mark.django_db(transaction=True)
REQUIRED = [
    "provisions",
    "import_s",
    "article_page_ms",
    "toc_page_ms",
    "toc_page_cold_ms",
    "whole_edition_ms",
    "whole_edition_cold_ms",
    "whole_edition_first_bytes_ms",
    "article_queries",
    "search_p50_ms",
    "search_p95_ms",
    "compare_s",
]


def test_synthetic_code_is_deterministic_and_importable():
    first, second = synthetic.editions(2, chapters=2), synthetic.editions(2, chapters=2)
    assert synthetic.as_text(first[1]) == synthetic.as_text(second[1])
    statute = parse_statute(synthetic.as_text(first[1]), "en")
    assert statute.count("chapter") == 2 and statute.count("article") >= 50


def test_bench_reports_every_figure(tmp_path):
    output = tmp_path / "results.json"
    out = io.StringIO()
    call_command("bench", editions=3, chapters=2, runs=3, scales="25", output=str(output), stdout=out)
    results = json.loads(output.read_text())
    backend = next(key for key in results if key not in ("machine", "loadtest"))
    assert all(key in results[backend] for key in REQUIRED), results[backend].keys()
    assert results[backend]["article_queries"] <= 10
    assert set(results[backend]["scale"]) == {"50", "25"}  # this code (2 chapters of 25 articles) and the other
    assert all(figures["render_us_per_provision"] > 0 for figures in results[backend]["scale"].values())
    assert "written to" in out.getvalue()
