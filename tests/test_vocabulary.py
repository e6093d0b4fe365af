"""The law's vocabulary (pure Python): kinds, the eid grammar, names and citations in three languages."""

import pytest

from lawreader import vocabulary as v


@pytest.mark.parametrize(
    ("parent", "kind", "number", "eid"),
    [
        ("", v.CHAPTER, "2", "chp_2"),
        ("chp_2", v.ARTICLE, "9-1", "art_9-1"),  # articles are numbered through the law
        ("art_2", v.PART, "1", "art_2__para_1"),
        ("art_2__para_1", v.ITEM, "3", "art_2__para_1__subpara_3"),
        ("art_9__subpara_20-1", v.TEXT, "1", "art_9__subpara_20-1__text_1"),
        ("chp_2", v.TEXT, "1", "chp_2__text_1"),
        ("", v.PREAMBLE, "", "preamble"),
    ],
)
def test_child_eids_follow_akoma_ntoso(parent, kind, number, eid):
    assert v.child_eid(parent, kind, number) == eid
    assert v.segments(eid)[-1] == v.Segment(kind, number)


def test_an_eid_parses_into_its_levels_and_back():
    eid = "art_2__para_1__subpara_3"
    assert v.segments(eid) == (v.Segment(v.ARTICLE, "2"), v.Segment(v.PART, "1"), v.Segment(v.ITEM, "3"))
    assert v.parent_eid(eid) == "art_2__para_1" and v.last_segment(eid) == "subpara_3"
    assert v.article_of(eid) == "art_2" and v.article_of("chp_2__text_1") is None
    assert v.outermost("chp_2__text_1") == "chp_2"
    assert v.is_within(eid, "art_2") and v.is_within("art_2", "art_2") and not v.is_within("art_21", "art_2")


@pytest.mark.parametrize("eid", ["", "art_", "art_9x", "<script>", "art_9___para_1", "chapter_2", "art_9__"])
def test_malformed_eids_do_not_parse_and_are_named_as_they_are(eid):
    assert v.segments(eid) is None
    assert v.name(eid) == eid and v.citation(eid) == eid


@pytest.mark.parametrize(
    ("eid", "language", "name", "citation"),
    [
        ("art_9__subpara_20-1", "en", "Article 9, item 20-1", "Art. 9, item 20-1"),
        ("art_9__subpara_20-1", "ru", "Статья 9, подпункт 20-1)", "ст. 9 пп. 20-1"),
        ("art_9__subpara_20-1", "kk", "9-баптың 20-1) тармақшасы", "9-баптың 20-1) тармақшасы"),
        ("art_2__para_1__subpara_3", "en", "Article 2, part 1, item 3", "Art. 2, para. 1, item 3"),
        ("art_2__para_1__subpara_3", "ru", "Статья 2, пункт 1, подпункт 3)", "ст. 2 п. 1 пп. 3"),
        (
            "art_2__para_1__subpara_3",
            "kk",
            "2-баптың 1-тармағының 3) тармақшасы",
            "2-баптың 1-тармағының 3) тармақшасы",
        ),
        ("art_9-1", "en", "Article 9-1", "Art. 9-1"),
        ("art_9-1", "kk", "9-1-бап", "9-1-бап"),
        ("chp_2", "ru", "Глава 2", "гл. 2"),
        ("art_9__subpara_20-1__text_1", "en", "Article 9, item 20-1, paragraph 1", "Art. 9, item 20-1"),
        ("preamble", "en", "Preamble", "Preamble"),
        ("preamble", "ru", "Преамбула", "Преамбула"),
    ],
)
def test_names_and_citations_in_three_languages(eid, language, name, citation):
    assert v.name(eid, language) == name
    assert v.citation(eid, language) == citation


@pytest.mark.parametrize(
    ("kind", "number", "language", "label"),
    [
        (v.ARTICLE, "9-1", "en", "Article 9-1"),
        (v.ITEM, "20-1", "en", "item 20-1"),
        (v.PART, "2", "ru", "пункт 2"),
        (v.CHAPTER, "2", "kk", "2-тарау"),
        (v.TEXT, "", "en", "paragraph"),
        (v.DOCUMENT, "", "en", ""),
        (v.ARTICLE, "5", "de", "Article 5"),  # a language we have no words for falls back to English
    ],
)
def test_labels_of_single_provisions(kind, number, language, label):
    assert v.label(kind, number, language) == label
