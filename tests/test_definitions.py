"""Defined terms and the linker, on small laws written for these tests in English, Russian and Kazakh."""

from dataclasses import dataclass

import pytest

from lawreader.definitions import Definition, TermFinder, term_defined_in
from lawreader.ingest.linker import ADD, SUPPRESS, Correction, link_edition, text_hash
from lawreader.stems import Stems, kazakh_inflects, kazakh_root, stem


@dataclass
class Row:
    eid: str
    kind: str
    depth: int
    text: str = ""
    heading: str = ""


def uses(language, terms, text, eid="art_5", article="art_5"):
    finder = TermFinder([Definition(term, f"art_1__subpara_{n}", term) for n, term in enumerate(terms, 1)], language)
    return [(text[use.start : use.end], use.definition.term) for use in finder.uses(text, eid, article)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("intelligence information – information obtained to ensure national security;", "intelligence information"),
        ("разведывательная информация – сведения, полученные …", "разведывательная информация"),
        ("барлау ақпараты – Қазақстан Республикасының ұлттық қауіпсіздігін қамтамасыз ету …", "барлау ақпараты"),
        ("«cover documents» — documents that conceal …", "cover documents"),
    ],
)
def test_an_item_of_definitions_defines_the_words_before_its_dash(text, term):
    assert term_defined_in(text) == term


@pytest.mark.parametrize("text", ["the body referred to in Article 6;", "in 2010 – 2014 the plan – …", ""])
def test_items_that_are_not_definitions_define_nothing(text):
    assert term_defined_in(text) == ""


def test_english_uses_are_found_by_stem_first_use_only():
    found = uses("en", ["intelligence information"], "obtaining Intelligence Information and intelligence information")
    assert found == [("Intelligence Information", "intelligence information")]


def test_russian_terms_are_found_in_every_case():
    assert uses("ru", ["разведывательная информация"], "обмен разведывательной информацией") == [
        ("разведывательной информацией", "разведывательная информация")
    ]


def test_a_russian_terms_genitive_tail_does_not_inflect():
    term = "разведывательная деятельность субъектов внешней разведки"
    assert uses("ru", [term], "для разведывательной деятельности субъектов внешней разведки")
    # "в ходе разведывательной деятельности субъекты … вправе": "субъекты" starts a new clause, not the term.
    assert uses("ru", [term], "в ходе разведывательной деятельности субъекты внешней разведки вправе") == []


@pytest.mark.parametrize("word", ["ақпараты", "ақпаратының", "ақпараттарын", "ақпаратқа", "ақпаратпен"])
def test_kazakh_endings_stack_on_the_root(word):
    assert kazakh_inflects(word, kazakh_root("ақпараты"))


@pytest.mark.parametrize("word", ["ақпаратсыз", "ақпараттандыру", "ақ"])
def test_other_kazakh_words_on_the_same_letters_are_not_the_term(word):
    assert not kazakh_inflects(word, kazakh_root("ақпараты"))


def test_kazakh_terms_are_found_with_their_endings():
    assert uses("kk", ["барлау ақпараты"], "барлау ақпаратының қорғалуы") == [("барлау ақпаратының", "барлау ақпараты")]


def test_longer_terms_win_over_the_shorter_ones_inside_them():
    found = uses("en", ["foreign intelligence", "foreign intelligence body"], "the foreign intelligence body shall")
    assert found == [("foreign intelligence body", "foreign intelligence body")]


def test_a_definition_does_not_link_to_itself():
    assert uses("en", ["intelligence information"], "intelligence information – …", eid="art_1__subpara_1") == []


LAW = [
    Row("", "document", 1),
    Row("chp_1", "chapter", 2, heading="General provisions"),
    Row("art_1", "article", 3, heading="Basic concepts used in this Law"),
    Row("art_1__text_1", "text", 4, "The following basic concepts are used in this Law:"),
    Row("art_1__subpara_1", "subparagraph", 4, "intelligence information – information obtained for security;"),
    Row("art_1__subpara_2", "subparagraph", 4, "cover documents – documents that conceal an officer's identity."),
    Row("art_2", "article", 3, heading="Subjects"),
    Row("art_2__para_1", "paragraph", 4, "The subjects act within the powers of item 2) of Article 6 of this Law."),
    Row("art_2__para_2", "paragraph", 4, "Paragraph 1 of this Article applies to intelligence information."),
    Row("art_3", "article", 3, "Article 99 of this Law and Article 4 of the Civil Code apply.", heading="Other"),
    Row("art_6", "article", 3, heading="Powers"),
    Row("art_6__subpara_2", "subparagraph", 4, "issuing cover documents in this Chapter;"),
]


def links_of(result, eid):
    text = next(row.text for row in LAW if row.eid == eid)
    return [(text[start:end], kind, target) for start, end, kind, target in result.links.get(eid, [])]


def test_an_edition_is_linked_to_itself():
    result = link_edition(LAW, "en")
    assert links_of(result, "art_2__para_1") == [("item 2) of Article 6", "ref", "art_6__subpara_2")]
    assert links_of(result, "art_2__para_2") == [
        ("Paragraph 1", "ref", "art_2__para_1"),
        ("intelligence information", "term", "art_1__subpara_1"),
    ]
    assert links_of(result, "art_3") == [("Article 99", "missing", "art_99"), ("Article 4", "external", "")]
    assert links_of(result, "art_6__subpara_2") == [
        ("cover documents", "term", "art_1__subpara_2"),
        ("this Chapter", "ref", "chp_1"),
    ]
    assert result.cited_by["art_6__subpara_2"] == ["art_2__para_1"]
    assert [definition["term"] for definition in result.definitions] == ["intelligence information", "cover documents"]


def test_an_editors_corrections_hold_while_the_text_is_the_same():
    text = next(row.text for row in LAW if row.eid == "art_2__para_2")
    corrections = [
        Correction("art_2__para_2", text_hash(text), SUPPRESS, "intelligence information"),
        Correction("art_2__para_2", text_hash(text), ADD, "subjects", "art_2"),
    ]
    result = link_edition(LAW, "en", corrections)
    assert links_of(result, "art_2__para_2") == [("Paragraph 1", "ref", "art_2__para_1")]
    corrected = link_edition(LAW, "en", [Correction("art_2__para_1", text_hash(LAW[7].text), ADD, "subjects", "art_2")])
    assert ("subjects", "ref", "art_2") in links_of(corrected, "art_2__para_1")
    stale = link_edition(LAW, "en", [Correction("art_2__para_1", text_hash("older wording"), ADD, "subjects", "art_2")])
    assert ("subjects", "ref", "art_2") not in links_of(stale, "art_2__para_1")


def test_definitions_for_one_article_hold_in_it_only():
    law = [
        Row("", "document", 1),
        Row("art_4", "article", 2, heading="Cover"),
        Row("art_4__para_1", "paragraph", 3, "For the purposes of this Article the following terms are used:"),
        Row("art_4__para_1__subpara_1", "subparagraph", 4, "legend – a cover story;"),
        Row("art_4__para_2", "paragraph", 3, "A legend is approved by the head."),
        Row("art_5", "article", 2, "The legend of an officer is secret.", heading="Secrecy"),
    ]
    result = link_edition(law, "en")
    assert [kind for _s, _e, kind, _t in result.links["art_4__para_2"]] == ["term"]
    assert "art_5" not in result.links


def test_what_an_amending_act_cites_is_the_amended_acts():
    act = [
        Row("", "document", 1),
        Row("art_1", "article", 2, "Внести в Закон Республики Казахстан «О зерне» следующие дополнения:"),
        Row("art_1__subpara_1", "subparagraph", 3, "статью 1 дополнить подпунктом 11-1) следующего содержания:"),
        Row("art_2", "article", 2, "Настоящий Закон вводится в действие по истечении десяти дней после статьи 1."),
    ]
    result = link_edition(act, "ru")
    assert [kind for _s, _e, kind, _t in result.links["art_1__subpara_1"]] == ["external", "external"]
    assert [link[2:] for link in result.links["art_2"]] == [["ref", "art_1"]]


def test_stems_are_remembered_up_to_a_bound_and_stay_right_past_it(monkeypatch):
    stems = Stems("en")
    monkeypatch.setattr(Stems, "MAX_WORDS", 3)
    forms = ["taxes", "taxing", "payments", "paid", "declarations", "taxes"]
    assert [stems[word] for word in forms] == [stem(word, "en") for word in forms]
    assert [stems[word] for word in forms] == ["tax", "tax", "payment", "paid", "declar", "tax"]
    assert len(stems) <= 3
    assert Stems("kk")["ақпараттың"] == "ақпараттың"  # no Snowball stemmer: the word itself
