"""References in official texts, counted against lists written by reading them (tests/corpus_references/*.json):
nearly all found, none false. The texts are test data only, read in place from ../shared when it exists."""

import json
from collections import Counter
from pathlib import Path

import pytest

from lawreader import vocabulary
from lawreader.ingest.linker import link_edition
from lawreader.ingest.parser import parse_statute
from lawreader.references import LINK_MISSING, LINK_REFERENCE
from tests.builders import CORPUS_DIR

EXPECTED_DIR = Path(__file__).parent / "corpus_references"
EXPECTED_FILES = sorted(EXPECTED_DIR.glob("*.json"))
SHARED_CORPUS = CORPUS_DIR.parent


class Row:
    def __init__(self, node, depth):
        self.eid, self.kind, self.heading, self.text, self.depth = node.eid, node.kind, node.heading, node.text, depth


def rows_of(statute):
    rows, stack = [], [(statute.root, 1)]
    while stack:
        node, depth = stack.pop()
        rows.append(Row(node, depth))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return rows


def references_by_article(expected):
    """{citing article: Counter of (eid, kind)} for every reference the linker makes to this law."""
    path = SHARED_CORPUS / expected["file"]
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    statute = parse_statute(path.read_text(encoding="utf-8"), expected["language"])
    found = link_edition(rows_of(statute), expected["language"])
    by_article = {}
    for eid, links in found.links.items():
        article = vocabulary.enclosing(eid, vocabulary.ARTICLE) or eid
        for _start, _end, kind, target in links:
            if kind in (LINK_REFERENCE, LINK_MISSING):
                by_article.setdefault(article, Counter())[target, kind] += 1
    return by_article


def compare(expected):
    """(references expected, found of them, false ones) over the whole text."""
    by_article = references_by_article(expected)
    wanted = expected["references"]
    total = hits = 0
    false = []
    for article in sorted(set(wanted) | set(by_article)):
        want = Counter(wanted.get(article, []))
        got = Counter()
        for (target, kind), count in by_article.get(article, Counter()).items():
            got[target] += count
            if kind == LINK_MISSING and target in want:
                false.append((article, target, "resolved as missing"))
        total += sum(want.values())
        hits += sum((want & got).values())
        false += [(article, target, "not a reference") for target in (got - want).elements()]
    return total, hits, false


@pytest.mark.parametrize("expected_file", EXPECTED_FILES, ids=lambda path: path.stem)
def test_references_in_an_official_text_are_found_and_none_is_false(expected_file):
    total, hits, false = compare(json.loads(expected_file.read_text(encoding="utf-8")))
    assert false == []
    assert hits >= 0.95 * total, f"{hits} of {total} references found"


def test_across_the_texts_at_least_95_percent_of_references_are_found():
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present on this machine")
    results = [compare(json.loads(path.read_text(encoding="utf-8"))) for path in EXPECTED_FILES]
    total, hits = sum(r[0] for r in results), sum(r[1] for r in results)
    assert total >= 100, "the lists should hold enough references to measure"
    assert hits >= 0.95 * total, f"{hits} of {total}"
