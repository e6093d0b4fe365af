"""The parser on small texts we write: every layout rule and every error."""

import pytest

from lawreader.ingest.parser import StatuteSyntaxError, number_key, parse_statute
from tests.builders import find

RUSSIAN_MARKDOWN = """Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ

Статья 1. Основные понятия, используемые в настоящем

Законе

Статья 2. Субъекты

# О проверке

      Примечание РЦПИ!

      Порядок введения в действие см. ст. 2

      Настоящий Закон определяет порядок проверки.

## Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ

### Статья 1. Основные понятия, используемые в настоящем Законе

      В настоящем Законе используются следующие основные понятия:

      1) первое понятие;

      1-1) вставленное понятие;

      2) второе понятие.

### Статья 2. Субъекты

      1. К субъектам относятся:

      1) первый субъект;

      2) второй субъект.

      Перечень вторых субъектов определяется отдельно;

      3) третий субъект.

      2. Субъекты действуют законно.

      Сноска. Статья 2 с изменениями, внесенными Законом РК от 13.02.2012 № 553-IV.

      Президент

      Республики Казахстан                       Н. Назарбаев
"""


def test_markdown_export_skips_table_of_contents_and_reads_title():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    assert statute.title == "О проверке"
    assert statute.count("chapter") == 1
    assert statute.count("article") == 2


def test_preamble_and_publisher_note_are_kept_apart():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    preamble = find(statute, "preamble")
    assert preamble.text == "Настоящий Закон определяет порядок проверки."
    [note] = statute.root.notes
    assert note.kind == "publisher"
    assert note.marker == "Примечание РЦПИ"
    assert note.text == "Порядок введения в действие см. ст. 2"


def test_items_parts_and_inserted_numbers_get_eids():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    eids = [node.eid for node in statute.root.walk()]
    assert eids == [
        "",
        "preamble",
        "chp_1",
        "art_1",
        "art_1__text_1",
        "art_1__subpara_1",
        "art_1__subpara_1-1",
        "art_1__subpara_2",
        "art_2",
        "art_2__para_1",
        "art_2__para_1__subpara_1",
        "art_2__para_1__subpara_2",
        "art_2__para_1__subpara_2__text_1",
        "art_2__para_1__subpara_3",
        "art_2__para_2",
    ]


def test_numbers_and_text_are_split_as_printed():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    item = find(statute, "art_1__subpara_1-1")
    assert (item.kind, item.number, item.text) == ("subparagraph", "1-1", "вставленное понятие;")
    article = find(statute, "art_1")
    assert (article.number, article.heading) == ("1", "Основные понятия, используемые в настоящем Законе")


def test_footnote_attaches_to_the_article_it_closes():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    [footnote] = find(statute, "art_2").notes
    assert footnote.kind == "footnote"
    assert footnote.text.startswith("Статья 2 с изменениями")
    assert find(statute, "art_2__para_2").notes == []


def test_signature_is_not_law_text():
    statute = parse_statute(RUSSIAN_MARKDOWN, "ru")
    assert statute.signature == "Президент Республики Казахстан Н. Назарбаев"
    assert "Президент" not in " ".join(node.text for node in statute.root.walk())


KAZAKH_PLAIN = """Сыртқы барлау туралы

Осы Заң мәртебені айқындайды.

1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР

1-бап. Негізгі ұғымдар

Осы Заңда мынадай ұғымдар пайдаланылады:

1) барлау ақпараты – ұлттық қауiпсiздiк үшін ақпарат;

9-1-бап.Құзырет

Ескерту. Заң 9-1-баппен толықтырылды - ҚР 2012.02.16 № 562-IV Заңымен.

Қа­зақ­стан Рес­пуб­ли­ка­сы­ның Пре­зи­ден­ті

Н. Назарбаев
"""


def test_plain_kazakh_text_with_no_space_after_article_dot():
    statute = parse_statute(KAZAKH_PLAIN, "kk")
    assert statute.title == "Сыртқы барлау туралы"
    assert [n.eid for n in statute.root.walk() if n.kind == "article"] == ["art_1", "art_9-1"]
    assert find(statute, "art_9-1").heading == "Құзырет"
    assert find(statute, "art_9-1").notes[0].text.startswith("Заң 9-1-баппен")


def test_kazakh_latin_i_and_soft_hyphens_are_normalised():
    statute = parse_statute(KAZAKH_PLAIN, "kk")
    assert "қауіпсіздік" in find(statute, "art_1__subpara_1").text
    assert statute.signature == "Қазақстан Республикасының Президенті Н. Назарбаев"


ENGLISH_PLAIN_WITH_TOC = """Chapter 1. GENERAL

Article 1. Terms

Article 2. Scope

On Testing

Note of RCLI!

See Article 2.

This Law sets out tests.

Chapter 1. GENERAL

Article 1. Terms

The terms are:

1) test;

Article 2. Scope

1. It applies.

Footnote. Article 2 as amended by Law No. 5-T.
"""


def test_plain_text_table_of_contents_is_skipped():
    statute = parse_statute(ENGLISH_PLAIN_WITH_TOC, "en")
    assert statute.title == "On Testing"
    assert find(statute, "preamble").text == "This Law sets out tests."
    assert statute.count("article") == 2
    assert statute.root.notes[0].marker == "Note of RCLI"
    assert find(statute, "art_2").notes[0].text == "Article 2 as amended by Law No. 5-T."


def test_law_without_chapters_is_accepted():
    statute = parse_statute("Article 1. Only\n\n1. One part.\n\nArticle 2. Second\n\nText.\n", "en")
    assert [n.eid for n in statute.root.walk()] == ["", "art_1", "art_1__para_1", "art_2", "art_2__text_1"]


def test_unchanged_subtrees_hash_alike_and_changes_propagate_up():
    before = parse_statute("Article 1. A\n\n1) one;\n\nArticle 2. B\n\n1) two.\n", "en")
    after = parse_statute("Article 1. A\n\n1) one;\n\nArticle 2. B\n\n1) two, changed.\n", "en")
    assert find(before, "art_1").content_hash == find(after, "art_1").content_hash
    assert find(before, "art_2").content_hash != find(after, "art_2").content_hash
    assert before.root.content_hash != after.root.content_hash


def test_number_key_orders_inserted_numbers():
    assert sorted(["10", "9-1", "9", "20-1", "2"], key=number_key) == ["2", "9", "9-1", "10", "20-1"]


IRREGULAR_TEXTS = [
    ("1) an item\n\nArticle 1. A\n", 1, "item '1)' comes before any article"),
    ("Intro.\n\n1. a part\n\nArticle 1. A\n", 3, "numbered part '1.' comes before any article"),
    ("Article 1. A\n\nArticle . Nameless\n", 3, "has no number"),
    ("# T\n\n## Chapter 1. One\n\n### Article\n", 5, "names no section, chapter or article"),
    ("Article 1. A\n\nArticle 2. B\n\nArticle 2. C\n", 5, "article 2 printed twice (first at line 3)"),
    ("Article 1. A\n\nArticle 3. B\n\nArticle 2. C\n", 5, "article 2 comes after article 3"),
    ("Article 1. A\n\n1) one;\n\n3) three;\n\n2) two.\n", 7, "item 2 comes after item 3"),
    ("Article 1. A\n\n1. one\n\n1. again\n", 5, "part 1 printed twice"),
    ("Chapter 2. B\n\nArticle 1. A\n\nChapter 1. A\n\nArticle 2. C\n", 5, "chapter 1 comes after chapter 2"),
    ("Article 1. A\n\nNote of RCLI!\n", 3, "publisher note with no text"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), IRREGULAR_TEXTS)
def test_irregular_text_is_read_as_published_with_a_warning_naming_the_line(text, line, fragment):
    statute = parse_statute(text, "en")
    assert any(warning.line == line and fragment in warning.message for warning in statute.warnings), statute.warnings
    eids = [node.eid for node in statute.root.walk()]
    assert len(eids) == len(set(eids)), "a number printed twice still gets its own eid"


@pytest.mark.parametrize(("text", "line", "fragment"), IRREGULAR_TEXTS)
def test_strict_reading_refuses_irregular_text_naming_the_line(text, line, fragment):
    with pytest.raises(StatuteSyntaxError) as raised:
        parse_statute(text, "en", strict=True)
    assert raised.value.line == line
    assert fragment in str(raised.value)
    assert str(raised.value).startswith(f"line {line}: ")


def test_a_number_printed_twice_gets_the_akoma_ntoso_suffix():
    statute = parse_statute("Article 1. A\n\n1. one\n\n1. again\n", "en")
    assert [node.eid for node in statute.root.walk()] == ["", "art_1", "art_1__para_1", "art_1__para_1_2"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "the file has no text"),
        ("   \n\n", 1, "the file has no text"),
        ("Preamble only.\n", 1, "no title, heading, numbered part or signature"),
        ("ok\n\x00\x01\x02binary", 2, "it is not a text file"),
        ("Article 1. A\n\n" + "x" * 100_001 + "\n", 3, "a paragraph of 100,001 characters"),
    ],
)
def test_what_is_not_a_statute_is_refused_naming_the_line(text, line, fragment):
    with pytest.raises(StatuteSyntaxError) as raised:
        parse_statute(text, "en")
    assert raised.value.line == line
    assert fragment in str(raised.value)


def test_error_says_what_was_expected():
    with pytest.raises(StatuteSyntaxError) as raised:
        parse_statute("1) an item\n\nArticle 1. A\n", "en", strict=True)
    assert "expected an article heading such as 'Статья 1. …', '1-бап. …' or 'Article 1. …'" in str(raised.value)
