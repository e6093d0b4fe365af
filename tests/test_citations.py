"""The search box's citation parser: which queries name a provision, and which go to word search."""

import random
import re
import time

import pytest

from lawreader.citations import MAX_QUERY_LENGTH, Citation, parse_citation

ENGLISH_CITATIONS = [
    ("Article 9-1", "art_9-1"),
    ("article 9", "art_9"),
    ("Art. 9", "art_9"),
    ("art 16-2", "art_16-2"),
    ("Art.9", "art_9"),
    ("ARTICLE 9", "art_9"),
    ("  Article   9  ", "art_9"),
    ("Article 9.", "art_9"),
    ("Article 9, item 20-1", "art_9__subpara_20-1"),
    ("Art. 2(1)", "art_2__para_1"),
    ("Art. 2 (1)", "art_2__para_1"),
    ("Art. 2(1)(3)", "art_2__para_1__subpara_3"),
    ("Art. 2 para. 1 item 3", "art_2__para_1__subpara_3"),
    ("art 2 part 1 subpara 3", "art_2__para_1__subpara_3"),
    ("Article 2, paragraph 1, subparagraph 3", "art_2__para_1__subpara_3"),
    ("Article 9 subparagraph 20-1", "art_9__subpara_20-1"),
    ("Article 9 sub-paragraph 20-1", "art_9__subpara_20-1"),
    ("item 20-1 of Article 9", "art_9__subpara_20-1"),
    ("item 3 of part 1 of article 2", "art_2__para_1__subpara_3"),
    ("part 1 of article 2", "art_2__para_1"),
    ("Chapter 2", "chp_2"),
    ("ch. 2", "chp_2"),
    ("Preamble", "preamble"),
    ("preamble.", "preamble"),
]

RUSSIAN_CITATIONS = [
    ("статья 9", "art_9"),
    ("Статья 9-1", "art_9-1"),
    ("СТАТЬЯ 9", "art_9"),
    ("ст. 9", "art_9"),
    ("ст.9-1", "art_9-1"),
    ("ст 16-2", "art_16-2"),
    ("ст. 2 п. 1", "art_2__para_1"),
    ("ст. 2, п. 1", "art_2__para_1"),
    ("ст. 2 п. 1 пп. 3", "art_2__para_1__subpara_3"),
    ("ст. 2 п.1 пп.3)", "art_2__para_1__subpara_3"),
    ("ст. 9 подп. 20-1", "art_9__subpara_20-1"),
    ("подпункт 20-1 статьи 9", "art_9__subpara_20-1"),
    ("подпункт 20-1) статьи 9", "art_9__subpara_20-1"),
    ("подпункт 3 пункта 1 статьи 2", "art_2__para_1__subpara_3"),
    ("пункт 1 статьи 2", "art_2__para_1"),
    ("п. 1 ст. 2", "art_2__para_1"),
    ("статья 9 главы 2", "art_9"),
    ("глава 2", "chp_2"),
    ("гл. 2", "chp_2"),
    ("преамбула", "preamble"),
    ("Преамбула", "preamble"),
]

KAZAKH_CITATIONS = [
    ("9-бап", "art_9"),
    ("9-1-бап", "art_9-1"),
    ("9 бап", "art_9"),
    ("9-бабы", "art_9"),
    ("2-баптың 1-тармағы", "art_2__para_1"),
    ("2-баптың 1-тармағының 3) тармақшасы", "art_2__para_1__subpara_3"),
    ("9-баптың 20-1) тармақшасы", "art_9__subpara_20-1"),
    ("2-тарау", "chp_2"),
    ("преамбула", "preamble"),
    # Typed without a Kazakh keyboard layout: Russian letters in place of қ, ғ, ң.
    ("2-баптын 1-тармагынын 3) тармакшасы", "art_2__para_1__subpara_3"),
]

RAW_EIDS = [
    ("art_9__subpara_20-1", "art_9__subpara_20-1"),
    ("art_2__para_1__subpara_3", "art_2__para_1__subpara_3"),
    ("chp_2", "chp_2"),
    ("art_9-1", "art_9-1"),
    ("preamble", "preamble"),
]

TYPOGRAPHY = [
    ("Article 9–1", "art_9-1"),  # en dash
    ("Article 9 - 1", "art_9-1"),
    ("ст.\u00a09", "art_9"),  # no-break space
    ("ст. 9\u00ad-1", "art_9-1"),  # soft hyphen copied from the official site
    ("\u200bArticle 9", "art_9"),  # zero-width space
    ("Article ９", "art_9"),  # full-width digit
    ("Article 09", "art_9"),
    ("ст.\t9", "art_9"),
    ("СТ. 2 П. 1 ПП. 3", "art_2__para_1__subpara_3"),
]

ALL_CITATIONS = ENGLISH_CITATIONS + RUSSIAN_CITATIONS + KAZAKH_CITATIONS + RAW_EIDS + TYPOGRAPHY

NOT_CITATIONS = [
    "intelligence activity",
    "article about pay",
    "9 items",
    "2010",
    "9",
    "9-1",
    "article",
    "статья",
    "ст.",
    "бап",
    "Article nine",
    "article 9 intelligence",
    "9-бап туралы",
    "item 3",  # an item means nothing without its article
    "п. 1",
    "Chapter 2, part 1",
    "article 9 and 10",
    "article 9, article 10",
    "item 3 of article 9, part 1",  # levels out of order
    "Article 9,",
    "Article 0",
    "art 9-",
    "ch. 2(1)",
    "item 3(1) of article 9",
    "часть 1 статьи 2",  # unnumbered paragraphs cannot be cited
    "art_9__text_1",
    "chp_2__art_9",
    "the preamble of the law",
    "9 статья",
]

HOSTILE_INPUTS = [
    "",
    " ",
    "\t\n  ",
    "art 9'; DROP TABLE provisions; --",
    'ст. 9"',
    "«статья 9",
    "Article 9 😀",
    "😀",
    "art\x00 9",
    "\x1b[31mArticle 9",
    "ст. 9 / п. 1",
    "Article (9)",
    "Art. 2((1)",
    "Art. 2(1",
    "%_%",
    "^art_9$",
    "art_9.*",
    "Αrticle 9",  # Greek capital alpha
    "\u0000" * 50,
    "()" * 90,
    "9-" * 99,
    "ст." * 66,
    "a" * MAX_QUERY_LENGTH,
    "Article 9 " * 1000,
    "x" * 10_000,
]


@pytest.mark.parametrize(("query", "eid"), ALL_CITATIONS)
def test_citation_is_recognised_with_its_exact_eid(query, eid):
    citation = parse_citation(query)

    assert citation is not None, query
    assert citation.eid() == eid


@pytest.mark.parametrize(("query", "eid"), ALL_CITATIONS)
def test_eid_pattern_matches_the_exact_eid(query, eid):
    assert re.fullmatch(parse_citation(query).eid_pattern(), eid)


@pytest.mark.parametrize(("query", "eid"), ALL_CITATIONS)
def test_a_citation_reads_back_from_its_own_eid(query, eid):
    assert parse_citation(eid) == parse_citation(query)


@pytest.mark.parametrize("query", NOT_CITATIONS)
def test_words_and_incomplete_citations_go_to_word_search(query):
    assert parse_citation(query) is None


@pytest.mark.parametrize("query", HOSTILE_INPUTS, ids=lambda query: repr(query[:20]))
def test_hostile_input_is_not_a_citation_and_never_raises(query):
    assert parse_citation(query) is None


@pytest.mark.parametrize(
    ("query", "matching", "not_matching"),
    [
        (
            "art 9 item 3",
            ["art_9__subpara_3", "art_9__para_2__subpara_3", "art_9__para_1-1__subpara_3"],
            ["art_9__subpara_30", "art_9__subpara_3__text_1", "art_19__subpara_3", "art_9-1__subpara_3", "art_9"],
        ),
        (
            "подпункт 20-1 статьи 9",
            ["art_9__subpara_20-1", "art_9__para_4__subpara_20-1"],
            ["art_9__subpara_20", "art_9__para_4__subpara_20", "art_9__para___subpara_20-1"],
        ),
        ("Article 9", ["art_9"], ["art_9-1", "art_99", "art_9__para_1", "chp_1__art_9", "xart_9"]),
        ("ст. 2 п. 1", ["art_2__para_1"], ["art_2__para_1__subpara_3", "art_2__para_10", "art_2__subpara_1"]),
        ("Art. 2 para. 1 item 3", ["art_2__para_1__subpara_3"], ["art_2__subpara_3", "art_2__para_2__subpara_3"]),
        ("Chapter 2", ["chp_2"], ["chp_20", "chp_2-1", "art_2"]),
        ("Preamble", ["preamble"], ["preamble__text_1"]),
    ],
)
def test_eid_pattern_also_matches_a_part_the_citer_skipped_and_nothing_else(query, matching, not_matching):
    pattern = parse_citation(query).eid_pattern()

    assert [eid for eid in matching if not re.fullmatch(pattern, eid)] == []
    assert [eid for eid in not_matching if re.fullmatch(pattern, eid)] == []


@pytest.mark.parametrize(("query", "eid"), ALL_CITATIONS)
def test_eid_pattern_uses_only_syntax_postgresql_shares(query, eid):
    pattern = parse_citation(query).eid_pattern()

    assert pattern.startswith("^") and pattern.endswith("$")
    assert re.fullmatch(r"[a-z0-9_-]+", pattern[1:-1].replace("(__para_[0-9-]+)?", ""))


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("ст. 2 п. 1 пп. 3", "Article 2, part 1, item 3"),
        ("Article 9-1", "Article 9-1"),
        ("подпункт 20-1 статьи 9", "Article 9, item 20-1"),
        ("2-баптың 1-тармағы", "Article 2, part 1"),
        ("гл. 2", "Chapter 2"),
        ("преамбула", "Preamble"),
    ],
)
def test_label_names_the_provision_in_english(query, label):
    assert parse_citation(query).label() == label


def test_citation_segments_run_top_down():
    assert parse_citation("подпункт 3 пункта 1 статьи 2").segments == (("art", "2"), ("para", "1"), ("subpara", "3"))


@pytest.mark.parametrize(
    "segments",
    [
        (("art", "9.*"),),
        (("art", "9"), ("para", "")),
        (("para", "1"),),
        (("chp", "2"), ("art", "9")),
        (("art", "9"), ("subpara", "3"), ("para", "1")),
        (("preamble", "1"),),
        (),
    ],
)
def test_a_citation_cannot_be_built_with_segments_unsafe_in_a_pattern(segments):
    with pytest.raises(ValueError):
        Citation(segments)


def test_a_very_long_input_is_rejected_quickly():
    started = time.perf_counter()
    for query in ("ст. 9 " * 2000, "9-" * 5000, "(" * 10_000, "a" * 10_000):
        assert parse_citation(query) is None
    assert time.perf_counter() - started < 0.5


def mutated(query, generator):
    """The query with a few characters deleted, inserted or repeated, as typos and hostile input do."""
    alphabet = "0123456789-().,;'\" _ пптстбап\x00😀"
    for _ in range(generator.randint(1, 3)):
        position = generator.randint(0, len(query))
        action = generator.choice(("delete", "insert", "repeat"))
        if action == "delete":
            query = query[:position] + query[position + 1 :]
        elif action == "insert":
            query = query[:position] + generator.choice(alphabet) + query[position:]
        else:
            query = query[:position] + query[position : position + 4] * 2 + query[position + 4 :]
    return query


def test_mistyped_citations_never_raise_and_any_citation_found_is_consistent():
    generator = random.Random(20240601)
    recognised = 0
    for _ in range(20):
        for query, _eid in ALL_CITATIONS:
            citation = parse_citation(mutated(query, generator))
            if citation is not None:
                recognised += 1
                assert re.fullmatch(citation.eid_pattern(), citation.eid()), query
                assert parse_citation(citation.eid()) == citation, query
    assert recognised > 100  # many typos still read as citations, so the checks above are exercised
