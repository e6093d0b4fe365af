"""The reference finder on texts written for these tests, in the three languages the laws are read in."""

import pytest

from lawreader.references import EXTERNAL, THIS_LAW, Citing, Resolver, Target, find_references


def found(text, language):
    """(phrase, levels, owner) for each reference, in order."""
    return [(text[f.start : f.end], f.target.levels, f.target.owner) for f in find_references(text, language)]


ART, PARA, ITEM, CHP = "article", "paragraph", "subparagraph", "chapter"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "as provided by Article 6.", [("Article 6", ((ART, "6"),), "")]),
        (
            "en",
            "within item 3) of Article 6 of this Law;",
            [("item 3) of Article 6", ((ART, "6"), (ITEM, "3")), THIS_LAW)],
        ),
        (
            "en",
            "under paragraph 2 of Article 9-1 and paragraph 1 of this Article",
            [
                ("paragraph 2 of Article 9-1", ((ART, "9-1"), (PARA, "2")), ""),
                ("paragraph 1", ((PARA, "1"),), "article"),
            ],
        ),
        ("en", "Articles 13–17 apply", [("Articles 13", ((ART, "13"),), ""), ("17", ((ART, "17"),), "")]),
        ("en", "item 20-1) of Article 9", [("item 20-1) of Article 9", ((ART, "9"), (ITEM, "20-1")), "")]),
        ("en", "the rules of this Chapter", [("this Chapter", (), "chapter")]),
        ("en", "Article 44 of the Constitution", [("Article 44", ((ART, "44"),), EXTERNAL)]),
        (
            "ru",
            "предусмотренных статьей 9-1 настоящего Закона",
            [("статьей 9-1", ((ART, "9-1"),), THIS_LAW)],
        ),
        (
            "ru",
            "в соответствии с подпунктом 3) статьи 6",
            [("подпунктом 3) статьи 6", ((ART, "6"), (ITEM, "3")), "")],
        ),
        ("ru", "указанных в пункте 2 настоящей статьи", [("пункте 2", ((PARA, "2"),), "article")]),
        (
            "ru",
            "статьями 13 – 17 настоящего Закона",
            [("статьями 13", ((ART, "13"),), THIS_LAW), ("17", ((ART, "17"),), THIS_LAW)],
        ),
        (
            "ru",
            "пунктами 7, 8 и 9 статьи 4 настоящего Конституционного закона, а также",
            [
                ("пунктами 7", ((ART, "4"), (PARA, "7")), THIS_LAW),
                ("8", ((ART, "4"), (PARA, "8")), THIS_LAW),
                ("9 статьи 4", ((ART, "4"), (PARA, "9")), THIS_LAW),
            ],
        ),
        ("ru", "статьей 5 Гражданского кодекса", [("статьей 5", ((ART, "5"),), EXTERNAL)]),
        (
            "ru",
            "пунктом 1 статьи 47, подпунктом 5) статьи 57 Конституции",
            [
                ("пунктом 1 статьи 47", ((ART, "47"), (PARA, "1")), EXTERNAL),
                ("подпунктом 5) статьи 57", ((ART, "57"), (ITEM, "5")), EXTERNAL),
            ],
        ),
        ("ru", "частью второй статьи 7", [("частью второй статьи 7", ((ART, "7"),), "")]),
        ("ru", "положениями настоящей главы", [("настоящей главы", (), "chapter")]),
        (
            "kk",
            "осы Заңның 6-бабының 3) тармақшасында",
            [("6-бабының 3) тармақшасында", ((ART, "6"), (ITEM, "3")), THIS_LAW)],
        ),
        ("kk", "осы баптың 2-тармағында", [("2-тармағында", ((PARA, "2"),), "article")]),
        ("kk", "9-1-бабында көзделген", [("9-1-бабында", ((ART, "9-1"),), "")]),
        (
            "kk",
            "4-бабының 7 және 8-тармақтарында",
            [("4-бабының 7", ((ART, "4"), (PARA, "7")), ""), ("8-тармақтарында", ((ART, "4"), (PARA, "8")), "")],
        ),
        ("kk", "Конституциясының 44-бабында", [("44-бабында", ((ART, "44"),), EXTERNAL)]),
        ("kk", "осы тараудың ережелері", [("осы тараудың", (), "chapter")]),
    ],
)
def test_finds_references_as_laws_print_them(language, text, expected):
    assert found(text, language) == expected


def test_bare_items_after_an_article_in_the_same_sentence_are_that_articles():
    text = "относятся положения статьи 9 настоящего Закона, за исключением подпунктов 2) – 4), 7) и 20-1)."
    items = [levels for _phrase, levels, _owner in found(text, "ru")][1:]
    assert items == [((ART, "9"), (ITEM, number)) for number in ("2", "4", "7", "20-1")]


def test_a_new_sentence_does_not_inherit_the_last_reference():
    text = "См. статью 9 настоящего Закона. Подпункт 2) применяется."
    assert found(text, "ru")[-1][1] == ((ITEM, "2"),)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "в 2010 году 5 раз, в течение 10 дней"),
        ("en", "within 10 days of 1 January 2016, by 3 votes"),
        ("kk", "2010 жылғы 22 мамырда 10 күн ішінде"),
        ("ru", "глава государства назначает 3 членов"),
    ],
)
def test_numbers_that_are_not_references_are_left_alone(language, text):
    assert found(text, language) == []


class TestResolver:
    EIDS = [
        "art_2",
        "art_2__para_1",
        "art_2__para_1__subpara_3",
        "art_6",
        "art_6__subpara_3",
        "art_9",
        "art_9__para_1",
        "art_9__para_1__subpara_2",
        "art_9__para_2",
        "art_9__para_2__subpara_2",
        "chp_2",
        "att_1__art_3",
        "att_1__art_3__para_2",
    ]

    CITING = Citing(article="art_2", part="art_2__para_1", chapter="chp_2")

    def resolve(self, levels, owner="", citing=CITING):
        return Resolver(self.EIDS).resolve(Target(levels, owner), citing)

    def test_an_article_and_its_item(self):
        assert self.resolve(((ART, "6"), (ITEM, "3"))) == ("art_6__subpara_3", True)

    def test_an_item_inside_the_only_part_that_has_it(self):
        assert self.resolve(((ART, "2"), (ITEM, "3"))) == ("art_2__para_1__subpara_3", True)

    def test_an_item_several_parts_have_leads_to_the_article(self):
        assert self.resolve(((ART, "9"), (ITEM, "2"))) == ("art_9", True)

    def test_a_part_of_this_article(self):
        assert self.resolve(((PARA, "1"),), "article") == ("art_2__para_1", True)

    def test_an_item_of_this_part(self):
        assert self.resolve(((ITEM, "3"),), "part") == ("art_2__para_1__subpara_3", True)

    def test_this_chapter(self):
        assert self.resolve((), "chapter") == ("chp_2", True)

    def test_a_provision_the_edition_lacks_is_named_but_missing(self):
        assert self.resolve(((ART, "99"),)) == ("art_99", False)

    def test_inside_an_attachment_articles_are_the_attachments(self):
        citing = Citing(article="att_1__art_3", attachment="att_1")
        assert self.resolve(((ART, "3"), (PARA, "2")), citing=citing) == ("att_1__art_3__para_2", True)

    def test_another_acts_provision_is_not_resolved(self):
        assert self.resolve(((ART, "6"),), EXTERNAL) == (None, False)


@pytest.mark.parametrize(
    ("language", "text"),
    [("kk", "37-61-баптар"), ("kk", "37-61-баптар. Алынып тасталды"), ("ru", "Статья 5. Исключена")],
)
def test_a_text_that_is_its_own_label_cites_nothing(language, text):
    assert found(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("kk", "(10-25 баптар) нормалары", [("10", ((ART, "10"),), ""), ("25 баптар", ((ART, "25"),), "")]),
        ("kk", "осы Заңның 9-1-бабы", [("9-1-бабы", ((ART, "9-1"),), THIS_LAW)]),
        (
            "ru",
            "предусмотренном пунктом 2 части 1 статьи 21",
            [("пунктом 2 части 1 статьи 21", ((ART, "21"), (PARA, "1"), (ITEM, "2")), "")],
        ),
    ],
)
def test_ranges_and_older_numbering(language, text, expected):
    assert found(text, language) == expected


def test_a_gazettes_item_number_is_not_an_article():
    text = "(Ведомости Верховного Совета Республики Казахстан, 1995 г., N 21, ст.124) и статьей 5 настоящего Закона"
    assert found(text, "ru") == [("статьей 5", ((ART, "5"),), THIS_LAW)]


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("ru", "в случаях, указанных в части первой настоящего пункта, комиссия", "части первой"),
        ("kk", "осы тармақтың бірінші бөлігінде көрсетілген", "бірінші бөлігінде"),
    ],
)
def test_a_paragraph_of_this_part_named_by_its_place_is_this_part(language, text, phrase):
    assert found(text, language) == [(phrase, (), "part")]


def test_a_gazette_issue_with_a_roman_suffix_is_still_a_gazette():
    assert found("(Ведомости, 2010 г., № 16, ст.90; № 19-І, 19-II, ст.96; № 23, ст.143)", "ru") == []


def test_an_amending_acts_article_in_an_editors_note_is_that_acts():
    text = "7) (исключен - от 20 февраля 2006 года N 128 (порядок введения в действие см. ст.2);"
    assert [owner for _phrase, _levels, owner in found(text, "ru")] == [EXTERNAL]


def test_a_reference_that_runs_into_words_it_cannot_read_is_left_as_printed():
    # A line break lost in the official text glues "первой" to "статьи"; both are read apart again.
    text = "на основании пунктов 3), 4) и 12) части первойстатьи 35 Уголовно-процессуального кодекса"
    assert [owner for _phrase, _levels, owner in found(text, "ru")] == [EXTERNAL, EXTERNAL, EXTERNAL]
    # With a level word it cannot read at all, the items before it are not guessed at; the article is read.
    assert found("пунктов 3) и 4) части энной статьи 35", "ru") == [("статьи 35", ((ART, "35"),), "")]
