"""Pages of any size: no query sends an unbounded `IN (…)` list (SQLite refuses more than 32,766 parameters, and
a code has more provisions than that)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import import_text, make_law, statute_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_store")]

IN_LIST_RE = re.compile(r"\bIN \(([^()]*)\)", re.IGNORECASE)
ITEMS = 600
# The longest `IN (…)` list a page may send: a fixed few (kinds, editions), never one per provision.
LONGEST_IN_LIST = 20


def longest_in_list(queries):
    lengths = [match.group(1).count(",") + 1 for query in queries for match in IN_LIST_RE.finditer(query["sql"])]
    return max(lengths, default=0)


def test_pages_of_an_article_with_more_provisions_than_an_in_list_holds(client):
    law = make_law()
    import_text(law, statute_text(chapters=1, articles_per_chapter=1, parts=1, items=ITEMS), "2020-01-01")
    changed = statute_text(chapters=1, articles_per_chapter=1, parts=1, items=ITEMS).replace(";", ", as amended;")
    import_text(law, changed, "2021-01-01")

    for url in (
        "/laws/test-law/on/2020-01-01/",
        "/laws/test-law/on/2020-01-01/art_1/",
        "/laws/test-law/compare/2020-01-01/to/2021-01-01/",
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert longest_in_list(queries.captured_queries) <= LONGEST_IN_LIST, url
    assert response.content.decode().count("as amended") >= ITEMS
