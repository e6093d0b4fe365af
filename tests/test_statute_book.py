"""The importer on Kazakhstan's statute book: every layout of the real sample (test data read in place from
../shared), checked against outlines written by reading the texts, and each failure class the importer once had,
reproduced on small texts we wrote."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lawreader.ingest.parser import StatuteSyntaxError, check_nothing_lost, parse_statute, split_paragraphs
from lawreader.store.models import Law, Provision, Revision
from tests.builders import CORPUS_DIR, find

SAMPLE_DIR = CORPUS_DIR.parent / "kz-sample"
OUTLINES_DIR = Path(__file__).parent / "corpus_outlines"
EXPECTED = sorted(OUTLINES_DIR.glob("*.json"))


@pytest.fixture
def sample():
    if not SAMPLE_DIR.is_dir():
        pytest.skip("../shared/corpus/kz-sample is not present on this machine")
    return SAMPLE_DIR


@pytest.mark.parametrize("expected_file", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_each_official_text_imports_with_the_outline_a_reader_sees(sample, expected_file):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    statute = parse_statute((sample / expected["file"]).read_text(encoding="utf-8"), expected["language"])

    assert statute.outline() == expected["outline"]
    assert sum(1 for line in statute.outline() if line.strip().startswith("article ")) == expected["articles"]
    assert bool(statute.signature) == expected["has_signature"]
    assert any(node.kind == "preamble" for node in statute.root.children) == expected["has_preamble"]
    eids = [node.eid for node in statute.root.walk()]
    assert len(eids) == len(set(eids))


def test_the_sample_has_an_expected_outline_for_every_text(sample):
    texts = {path.stem for path in sample.glob("*.md") if path.stem != "README"}
    assert texts == {path.stem for path in EXPECTED}


@pytest.mark.parametrize("expected_file", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_no_character_of_an_official_text_is_lost(sample, expected_file):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    text = (sample / expected["file"]).read_text(encoding="utf-8")
    statute = parse_statute(text, expected["language"])
    stored = "".join(
        node.heading + node.text + "".join(note.text for note in node.notes) for node in statute.root.walk()
    )
    # Everything but headings' words and numbers and the note markers is stored; parse_statute checks the rest.
    body_letters = sum(1 for c in text if c.isalpha())
    stored_letters = sum(
        1 for c in stored + statute.title + statute.signature + "".join(statute.skipped) if c.isalpha()
    )
    assert stored_letters <= body_letters
    assert stored_letters > 0.9 * body_letters


def test_the_check_fails_loudly_when_text_goes_missing():
    text = "# On Testing\n\nArticle 1. One\n\nIt applies.\n"
    statute = parse_statute(text, "en")
    find(statute, "art_1__text_1").text = "It"
    with pytest.raises(StatuteSyntaxError, match="characters lost"):
        check_nothing_lost(split_paragraphs(text, "en", []), statute, ["Article 1. "])


# --- each failure class, on texts we wrote ------------------------------------------------------------------------


def outline(text, language="ru", **options):
    return parse_statute(text, language, **options).outline()


def test_plain_line_article_headings_are_articles():
    text = "# О сборе\n\nСтатья 1. Плательщики\n\nСбор платят граждане.\n\nСтатья 2\n\nСбор зачисляется в бюджет.\n"
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["article 1", "article 2"]
    assert find(statute, "art_1").heading == "Плательщики"
    assert find(statute, "art_2__text_1").text == "Сбор зачисляется в бюджет."


@pytest.mark.parametrize(
    ("heading", "kind", "number", "eid"),
    [
        ("Раздел 1. Общие положения", "section", "1", "sec_1"),
        ("РАЗДЕЛ I. ОБЩИЕ ПОЛОЖЕНИЯ", "section", "I", "sec_1"),
        ("РАЗДЕЛ ПЕРВЫЙ", "section", "1", "sec_1"),
        ("Раздел ХVI. Договоры", "section", "XVI", "sec_16"),  # Cyrillic Х with Latin V and I
        ("Подраздел 2. Сделки", "subsection", "2", "subsec_2"),
        ("Глава II. Компетенция", "chapter", "II", "chp_2"),
        ("Глава 1Основные положения", "chapter", "1", "chp_1"),
        ("Глава I Общие положения", "chapter", "I", "chp_1"),
        ("Параграф 1. Общие условия", "subchapter", "1", "chp_1__subchp_1"),
        ("§ 3. Купля-продажа", "subchapter", "3", "chp_1__subchp_3"),
    ],
)
def test_russian_divisions_in_every_printed_form(heading, kind, number, eid):
    chapter = "Глава 1. Начало\n\n" if kind == "subchapter" else ""  # a paragraph is a chapter's subdivision
    statute = parse_statute(f"# Кодекс\n\n{chapter}{heading}\n\nСтатья 1. Первая\n\nТекст статьи.\n", "ru")
    [node] = [n for n in statute.root.walk() if n.kind == kind]
    assert (node.number, node.eid) == (number, eid)
    assert find(statute, "art_1").heading == "Первая"


@pytest.mark.parametrize(
    ("heading", "kind", "number"),
    [
        ("1-бөлім. Жалпы ережелер", "section", "1"),
        ("I-БӨЛІМ. ЖАЛПЫ ЕРЕЖЕЛЕР", "section", "I"),
        ("I тарау. Жалпы ережелер", "chapter", "I"),
        ("1 тарау. Жалпы ережелер", "chapter", "1"),
        ("2-тарау. Құзырет", "chapter", "2"),
        ("ІҮ тарау. Кazakh roman with look-alikes", "chapter", "IV"),
        ("1-параграф. Жалпы талаптар", "subchapter", "1"),
    ],
)
def test_kazakh_divisions_put_the_number_first(heading, kind, number):
    statute = parse_statute(f"# Заң\n\n{heading}\n\n1-бап. Бірінші\n\nБаптың мәтіні.\n", "kk")
    assert [(n.kind, n.number) for n in statute.root.walk() if n.kind == kind] == [(kind, number)]
    assert statute.count("article") == 1


def test_a_numbered_markdown_heading_without_a_word_is_a_chapter():
    text = "# Закон\n\n## 1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n### Статья 1. Цели\n\nТекст.\n\n## 2. ЗАКЛЮЧЕНИЕ\n\n### Статья 2. Срок\n\nТекст.\n"
    assert outline(text) == ["chapter 1", "  article 1", "chapter 2", "  article 2"]


def test_an_act_without_articles_is_its_own_text_and_its_points():
    text = (
        "# О внесении изменений в Закон «О страховании»\n\n"
        "Внести в Закон следующие изменения:\n\n"
        "1) пункт 2 статьи 3 изложить в следующей редакции:\n\n"
        '"2. Особенности страхования регулируются законом.";\n\n'
        "2) статью 5 исключить.\n\n"
        "ПрезидентРеспублики Казахстан\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["part 1", "part 2"]
    assert find(statute, "text_1").text == "Внести в Закон следующие изменения:"  # not a preamble: the act itself
    assert find(statute, "preamble") is None
    assert find(statute, "subpara_1__text_1").text.startswith('"2. Особенности')
    assert statute.signature == "ПрезидентРеспублики Казахстан"


def test_an_amendment_quoting_whole_articles_keeps_them_as_its_text():
    text = (
        "# О дополнении Кодекса\n\nВнести в Кодекс дополнения:\n\n1. Дополнить статьей 169-4:\n\n"
        "«Статья 169-4. Незаконное вмешательство\n\n1. Вмешательство -\n\nвлечет штраф.»;\n\n"
        "2. Статью 271 дополнить цифрами «169-4».\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["part 1", "part 2"]
    assert [n.text for n in find(statute, "para_1").children] == [
        "«Статья 169-4. Незаконное вмешательство",
        "1. Вмешательство -",
        "влечет штраф.»;",
    ]


def test_numbered_lines_before_the_first_article_stay_in_the_preamble_with_a_warning():
    text = "# О введении в действие\n\nПризнать утратившими силу:\n\n1. Исправительно-трудовой кодекс;\n\n7-2) пункт.\n\nСтатья 1. Срок\n\nТекст.\n"
    statute = parse_statute(text, "ru")
    assert "1. Исправительно-трудовой кодекс;" in find(statute, "preamble").text
    assert [w.line for w in statute.warnings] == [5, 7]
    assert statute.outline() == ["article 1"]


@pytest.mark.parametrize(
    "closing",
    [
        "ПрезидентРеспублики Казахстан",
        "Президент\n\nРеспублики Казахстан                 Н. Назарбаев",
        "Пре\u00adзи\u00adдент Рес\u00adпуб\u00adли\u00adки Ка\u00adзах\u00adстан\n\nН. НА\u00adЗАР\u00adБА\u00adЕВ",
        "Президент Республики Казахстан\n\nН. НАЗАРБАЕВ\n\nАстана, Акорда, 22 мая 2010 года\n\n№ 277-IV ЗРК",
    ],
)
def test_the_signature_is_kept_apart_from_the_law_text(closing):
    statute = parse_statute(f"# О законе\n\nСтатья 1. Срок\n\nЗакон вводится в действие.\n\n{closing}\n", "ru")
    assert find(statute, "art_1").children[-1].text == "Закон вводится в действие."
    assert statute.signature.startswith("Пре")


def test_a_signature_glued_to_the_last_sentence_is_split_off():
    statute = parse_statute(
        "# О законе\n\nСтатья 1. Срок\n\nНастоящий Указ вступает в силу.ПрезидентРеспублики Казахстан\n", "ru"
    )
    assert find(statute, "art_1__text_1").text == "Настоящий Указ вступает в силу."
    assert statute.signature == "ПрезидентРеспублики Казахстан"


def test_the_date_and_number_the_signature_states_are_the_acts():
    statute = parse_statute(
        "# Заң\n\n1-бап. Мерзім\n\nМәтін.\n\nҚазақстан Республикасының\n\nПрезиденті\n\n"
        "Астана, Ақорда, 2010 жылғы 22 мамыр\n\n№ 277-IV ҚРЗ\n",
        "kk",
    )
    assert statute.adopted.isoformat() == "2010-05-22"
    assert statute.number == "277-IV"


@pytest.mark.parametrize(
    "text",
    [
        "# Закон\n\n## Статья 1.\n\nТекст.\n\n## Статья 2.\n\nТекст.\n",
        "# Закон\n\n## Статья 1\n\nТекст.\n\n## Статья 2\n\nТекст.\n",
        "# Заң\n\n## 1-бап\n\nМәтін.\n\n## 2-бап\n\nМәтін.\n",
    ],
)
def test_articles_without_chapters_dots_or_titles(text):
    assert outline(text) == ["article 1", "article 2"]


def test_official_numbering_irregularities_are_imported_as_published_with_warnings():
    text = (
        "# Закон\n\nСтатья 1. Понятия\n\n1. Понятия:\n\n1) первое;\n\n2) второе.\n\nВ целях статьи 5:\n\n"
        "1) третье;\n\n2. Второй пункт.\n\n2. Второй пункт ещё раз.\n\n3. Пункт:\n\n33) а;\n\n35) б;\n\n34) в.\n"
    )
    statute = parse_statute(text, "ru")
    # The part printed twice and the items out of order; a list restarting after its own lead-in is a new list.
    assert [w.line for w in statute.warnings] == [17, 25]
    assert find(statute, "art_1__para_2_2").text == "Второй пункт ещё раз."
    assert [n.number for n in find(statute, "art_1__para_3").children] == ["33", "35", "34"]
    assert find(statute, "art_1__para_1__subpara_1_2").text == "третье;"
    with pytest.raises(StatuteSyntaxError, match="line 13"):
        parse_statute(text, "ru", strict=True)


@pytest.mark.parametrize("marker", ["ЕСКЕРТУ.", "Ескерту.", "Cноска.", "СНОСКА.", "Footnote."])
def test_footnotes_in_any_case_and_with_latin_look_alikes(marker):
    statute = parse_statute(f"# Закон\n\nСтатья 1. Срок\n\nТекст.\n\n{marker} Статья 1 изменена Законом.\n", "ru")
    assert [note.text for note in find(statute, "art_1").notes] == ["Статья 1 изменена Законом."]
    assert len(find(statute, "art_1").children) == 1


def test_a_footnote_listing_its_changes_keeps_its_continuation_lines():
    statute = parse_statute(
        "# Заң\n\nЕскерту. Актінің тақырыбы жаңа редакцияда;\n\nкіріспе алынып тасталды;\n\n"
        "бүкіл мәтін бойынша сөздер ауыстырылды.\n\n1-бап. Мерзім\n\nМәтін.\n",
        "kk",
    )
    assert statute.root.notes[0].text.count("\n") == 2
    assert not any(node.kind == "preamble" for node in statute.root.children)


def test_sections_appendices_and_wrapped_headings_are_structure_not_text():
    text = (
        "# Кодекс\n\nРаздел 1. Общая часть\n\nСтатья 1. Основные положения\n\nТекст.\n\n"
        "РАЗДЕЛ 2\n\nСПЕЦИАЛЬНЫЕ ПОЛОЖЕНИЯ\n\nСтатья 2. Правила, применяемые\n\nв особых случаях\n\nТекст.\n\n"
        "Президент Республики Казахстан\n\nПриложение к Кодексу\n\nСпециальные термины\n\n1. Термин – значение.\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["section 1", "  article 1", "section 2", "  article 2", "attachment 1"]
    assert find(statute, "sec_2").heading == "СПЕЦИАЛЬНЫЕ ПОЛОЖЕНИЯ"
    assert find(statute, "art_2").heading == "Правила, применяемые в особых случаях"
    assert [n.text for n in find(statute, "art_2").children] == ["Текст."]
    assert find(statute, "att_1").heading == "Приложение к Кодексу"
    assert find(statute, "att_1__para_1").text == "Термин – значение."


def test_a_chapter_heading_run_into_a_paragraph_is_split_off():
    text = "# Закон\n\nГлава VII. Надзор\n\nСтатья 1. Надзор\n\nТекст надзора. # Глава VIII. Контроль\n\nСтатья 2. Контроль\n\nТекст.\n"
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["chapter VII", "  article 1", "chapter VIII", "  article 2"]
    assert find(statute, "art_1__text_1").text == "Текст надзора."
    assert any("inside a paragraph" in w.message for w in statute.warnings)


def test_a_closing_paragraph_after_a_list_belongs_to_the_list_s_parent():
    text = "# Закон\n\nСтатья 1. Субъекты\n\nСубъектами являются:\n\n1) первый;\n\n2) второй.\n\nПеречень определяется Правительством.\n"
    statute = parse_statute(text, "ru")
    assert [n.kind for n in find(statute, "art_1").children] == ["text", "subparagraph", "subparagraph", "text"]


def test_a_second_paragraph_of_an_item_stays_in_the_item():
    text = "# Закон\n\nСтатья 1. Субъекты\n\n1) первый.\n\nЕго перечень определяется отдельно;\n\n2) второй.\n"
    assert find(parse_statute(text, "ru"), "art_1__subpara_1__text_1").text == "Его перечень определяется отдельно;"


def test_an_item_range_is_one_paragraph_standing_for_the_excluded_items():
    text = "# Закон\n\nСтатья 1. Полномочия\n\n38) первое;\n\n39)- 41) (исключены);\n\n42) последнее.\n"
    statute = parse_statute(text, "ru")
    assert [(n.kind, n.number) for n in find(statute, "art_1").children] == [
        ("subparagraph", "38"),
        ("text", ""),
        ("subparagraph", "42"),
    ]
    assert statute.warnings == []


def test_excluded_article_ranges_are_kept_as_printed():
    text = "# Заң\n\nIII тарау. Акционерлік қоғам\n\n37-61-баптар. Алынып тасталды\n\n62-бап. Күшіне енуі\n\nМәтін.\n"
    statute = parse_statute(text, "kk")
    assert statute.outline() == ["chapter III", "  articles 37-61", "  article 62"]
    assert statute.warnings == []


def test_a_second_title_is_an_attached_document_with_its_own_eids():
    text = (
        "# О ратификации Соглашения\n\nРатифицировать Соглашение.\n\nПрезидентРеспублики Казахстан\n\n"
        "Примечание. Текст Соглашения не является официальным.\n\n# Соглашение\n\nСтороны согласились:\n\n"
        "## Статья 1\n\nТекст.\n\n## Статья 2\n\nТекст.\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["attachment 1", "  article 1", "  article 2"]
    assert find(statute, "att_1__art_2").heading == ""
    assert statute.root.notes[0].marker == "Примечание"
    assert find(statute, "text_1").text == "Ратифицировать Соглашение."


def test_an_attached_document_after_the_signature_needs_no_heading_mark():
    text = (
        "Қазақстан Республикасының Заңы\n\n1-бап. Келісім бекітілсін.\n\nҚазақстан Республикасының Президенті\n\n"
        "Метрология туралы келісім\n\nТараптар келісті:\n\n1-бап\n\nМәтін.\n"
    )
    assert outline(text, "kk") == ["article 1", "attachment 1", "  article 1"]


def test_a_text_cut_short_imports_with_a_warning():
    statute = parse_statute("# Закон\n\nСтатья 1. Срок\n\nЗакон вводится в действие по истечении\n", "ru")
    assert [str(w) for w in statute.warnings] == [
        "line 5: the text ends mid-sentence, with no signature: the file may be cut short"
    ]


def test_a_sentence_naming_an_article_is_not_a_heading():
    text = "# Закон\n\nСтатья 1. Срок\n\nСтатья 5 настоящего Закона применяется к договорам.\n\n10-бапта көзделген.\n"
    assert outline(text) == ["article 1"]


# --- the command --------------------------------------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_statute", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_check_prints_the_outline_and_writes_nothing(tmp_path):
    path = write(tmp_path, "law.md", "# Закон\n\nРаздел 1. Общие\n\nСтатья 1. Срок\n\nТекст\n")
    out, _, error = run(path, "--check")
    assert error is None
    assert "(ru): Закон" in out
    assert "1 sections, 0 chapters, 1 articles" in out
    assert "    section 1\n      article 1\n" in out
    assert "warning: line 7: the text ends mid-sentence" in out
    assert not Law.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_a_folder_imports_each_file_on_its_own_and_reports_failures(tmp_path):
    write(
        tmp_path,
        "a.md",
        "# Закон А\n\nСтатья 1. Срок\n\nТекст.\n\nПрезидент Республики Казахстан\n\n22 мая 2010 года\n",
    )
    write(tmp_path, "b.md", "# Заң Б\n\n1-бап. Мерзім\n\nМәтін.\n")
    write(tmp_path, "c.md", "")
    write(tmp_path, "README.md", "not a statute")
    out, err, error = run(tmp_path)

    assert error == "2 of 3 files failed; the others were imported."
    assert "b.md: the date the edition took effect is needed" in err
    assert "c.md: line 1: the file has no text" in err
    assert "1 of 3 files imported." in out
    assert [(r.law.slug, r.language, r.valid_from.isoformat()) for r in Revision.objects.all()] == [
        ("a", "ru", "2010-05-22")  # the date its signature states
    ]
    run(tmp_path / "b.md", "--valid-from", "2020-01-01")
    assert Revision.objects.get(law__slug="b").language == "kk"


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_a_text_without_a_date_needs_one(tmp_path):
    _, _, error = run(write(tmp_path, "b.md", "# Заң\n\n1-бап. Мерзім\n\nМәтін.\n"))
    assert "the date the edition took effect is needed" in error
    assert not Law.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_warnings_are_kept_on_the_edition_for_staff(tmp_path):
    run(write(tmp_path, "a.md", "# Закон\n\nСтатья 1. А\n\n1. один.\n\n1. снова.\n"), "--valid-from", "2020-01-01")
    assert Revision.objects.get().import_warnings == "line 7: part 1 printed twice (first at line 5)"
    assert Provision.objects.filter(eid="art_1__para_1_2").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_an_absurdly_large_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.md"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # 50 MB, sparse: refused by its size, never read into memory
    _, _, error = run(huge, "--valid-from", "2020-01-01")
    assert "50 MB is more than a statute's text can be (at most 24 MB are read)" in error


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_the_whole_sample_imports_from_its_folder(sample):
    out, err, error = run(sample, "--valid-from", "2000-01-01")
    assert error is None, err
    assert "31 of 31 files imported." in out
    assert Revision.objects.count() == 31
    assert Provision.objects.filter(kind="section").count() > 0
    assert Provision.objects.filter(kind="attachment").count() == 5


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_staff_see_an_editions_import_warnings(tmp_path, admin_client):
    run(write(tmp_path, "a.md", "# Закон\n\nСтатья 1. А\n\n1. один.\n\n1. снова.\n"), "--valid-from", "2020-01-01")
    revision = Revision.objects.get()

    listing = admin_client.get("/admin/store/revision/").content.decode()
    page = admin_client.get(f"/admin/store/revision/{revision.pk}/change/").content.decode()

    assert '<td class="field-warning_count">1</td>' in listing
    assert "line 7: part 1 printed twice (first at line 5)" in page


def test_a_quotation_that_never_closes_does_not_swallow_the_law():
    text = "# Закон\n\nСтатья 1. Термины\n\n«Сторона – лицо;\n\nСтатья 2. Срок\n\nТекст.\n"
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["article 1", "article 2"]
    assert "line 5: a quotation opened here never closes" in [
        str(w)[: len("line 5: a quotation opened here never closes")] for w in statute.warnings
    ]


@pytest.mark.parametrize("title", ["# Соглашение о сотрудничестве", "## Соглашение о сотрудничестве"])
def test_a_label_above_an_attached_documents_title_stays_its_first_paragraph(title):
    text = (
        "# О ратификации\n\nРатифицировать Соглашение.\n\nПрезидент Республики Казахстан\n\n"
        f"Неофициальный перевод\n\n{title}\n\nСтатья 1\n\nТекст.\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["attachment 1", "  article 1"]
    assert find(statute, "att_1").heading == "Соглашение о сотрудничестве"
    assert find(statute, "att_1__text_1").text == "Неофициальный перевод"


def test_kazakh_sub_item_references_are_not_items():
    text = (
        "# Кодекске өзгерістер\n\n1-бап. Кодекске өзгерістер енгізілсін:\n\n18) 637-бапта:\n\n"
        "4), 7), 8) және 12) тармақшалар алып тасталсын;\n\n2) тармақшада:\n\n19) 638-бапта сөздер алып тасталсын.\n"
    )
    statute = parse_statute(text, "kk")
    assert [n.number for n in find(statute, "art_1").children if n.kind == "subparagraph"] == ["18", "19"]
    assert statute.warnings == []


def test_decimal_point_numbers_stay_text_of_their_point():
    text = (
        "# Келісім\n\n1-бап. Мақсаттар\n\n1. Ынтымақтастық мақсаттары\n\n1.1. Бірінші мақсат.\n\n1.2. Екінші мақсат.\n"
    )
    statute = parse_statute(text, "kk")
    assert [n.text for n in find(statute, "art_1__para_1").children] == ["1.1. Бірінші мақсат.", "1.2. Екінші мақсат."]
    assert statute.warnings == []


def test_a_codes_general_and_special_parts_group_its_sections():
    text = (
        "# Кодекс\n\nОБЩАЯ ЧАСТЬ\n\nРаздел 1. Основы\n\nСтатья 1. Цели\n\nТекст.\n\n"
        "ОСОБЕННАЯ ЧАСТЬ\n\nРаздел 2. Виды\n\nСтатья 2. Виды\n\nТекст.\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == [
        "division 1",
        "  section 1",
        "    article 1",
        "division 2",
        "  section 2",
        "    article 2",
    ]
    assert find(statute, "part_2").heading == "ОСОБЕННАЯ ЧАСТЬ"
    assert [n.text for n in find(statute, "art_1").children] == ["Текст."]


def test_kazakh_article_with_its_title_glued_on():
    text = "# Конвенция\n\n## I-бапАНЫҚТАМАЛАР\n\nМәтін.\n\n## 2-бапОртақ міндеттемелер\n\nМәтін.\n"
    statute = parse_statute(text, "kk")
    assert statute.outline() == ["article I", "article 2"]
    assert find(statute, "art_1").heading == "АНЫҚТАМАЛАР"


@pytest.mark.parametrize("annex", ["I Қосымша", "II қосымша", "Заңға 2-қосымша", "Приложение 1"])
def test_annexes_in_any_case(annex):
    text = f"# Заң\n\n1-бап. Мерзім\n\nМәтін.\n\nҚазақстан Республикасының Президенті\n\n{annex}\n\nТізбе.\n"
    assert outline(text, "kk") == ["article 1", "attachment 1"]


def test_an_appendix_is_named_by_its_number_line_and_its_title():
    text = (
        "# Закон\n\nСтатья 1. Список\n\nСписок прилагается.\n\nПрезидент Республики Казахстан\n\n"
        "Приложение 1\n\nСноска. Приложение 1 изменено.\n\n### Список веществ\n\n### А. СРЕДСТВА\n\n1. Первое\n\n"
        "2. Второе\n\n### С. Прекурсоры\n\n1. Третье\n"
    )
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["article 1", "attachment 1"]
    assert find(statute, "att_1").heading == "Приложение 1 Список веществ"
    assert [n.kind for n in find(statute, "att_1").children] == ["text", "paragraph", "paragraph", "text", "paragraph"]
    assert statute.warnings == []  # each list under its own sub-heading starts at 1, as printed


def test_a_treaty_s_preamble_heading_does_not_start_another_attachment():
    text = "# О ратификации\n\nРатифицировать Протокол.\n\nПрезидент Республики Казахстан\n\n# Протокол\n\n# Преамбула\n\nСтороны согласились:\n\n## Глава I. Цели\n\nСтатья 1\n\nТекст.\n"
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["attachment 1", "  chapter I", "    article 1"]
    assert find(statute, "att_1__text_1").text == "Преамбула"


def test_a_quoted_heading_opens_a_quotation_and_is_the_amendments_text():
    text = (
        "# Заң\n\n1-бап. Кодекске өзгерістер:\n\n1. 320-бап мынадай редакцияда жазылсын:\n\n## «320-бап. Жауапкершілік\n\n"
        "1. Құрылыс салушының міндеті.\n\n2. Өзгесі.»;\n\n2. Келесі тармақ.\n"
    )
    statute = parse_statute(text, "kk")
    assert [n.number for n in find(statute, "art_1").children if n.kind == "paragraph"] == ["1", "2"]
    assert statute.warnings == []


def test_a_heading_wrapped_inside_its_parentheses_is_joined():
    text = "# Закон\n\n## Глава 9. (Исключена - Законом РК от 20 декабря 2004 г.\n\n## N 13 )\n\n## Глава 10. Заключение\n\nСтатья 40. Срок\n\nТекст.\n"
    statute = parse_statute(text, "ru")
    assert statute.outline() == ["chapter 9", "chapter 10", "  article 40"]
    assert find(statute, "chp_9").heading == "(Исключена - Законом РК от 20 декабря 2004 г. N 13 )"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "ПРОТОКОЛоб изъятиях из режима свободной торговли кСоглашению"),
        ("kk", "Еркін сауда тәртібінен шығару туралыХаттама"),
    ],
)
def test_a_second_attached_document_is_found_by_its_title(language, title):
    text = (
        "# О ратификации\n\nРатифицировать Соглашение и Протокол.\n\nПрезидент Республики Казахстан\n\n"
        f"# Соглашение\n\nСтатья 1\n\nТекст.\n\nЗа Правительство Республики Казахстан\n\n{title}\n\nСтатья 1\n\nТекст.\n"
    )
    statute = parse_statute(text, language)
    assert statute.outline() == ["attachment 1", "  article 1", "attachment 2", "  article 1"]
    assert statute.warnings == []


def test_a_point_that_introduces_a_list_of_its_own_restarts_the_numbering_without_a_warning():
    text = "# Заключительный акт\n\n1. Конференция открылась.\n\n2. Конференция утвердила повестку:\n\n1. Открытие.\n\n2. Выборы.\n"
    statute = parse_statute(text, "ru")
    assert [n.eid for n in statute.root.children if n.kind == "paragraph"] == [
        "para_1",
        "para_2",
        "para_1_2",
        "para_2_2",
    ]
    assert statute.warnings == []


def test_a_point_citing_an_act_with_unbalanced_quotes_still_leads_into_its_sub_points():
    text = (
        '# Заң\n\n1-бап. Мына актілерге өзгерістер енгізілсін:\n\n7. Президенттің "Ішкі істер органдары туралы 1995 жылғы '
        'Жарлығына (1995 ж., N 23; "Заңы):\n\n1) 20-бапта:\n\n"тиіс" деген сөз алып тасталсын;\n\n2) 26-бапта сөз алып тасталсын.\n'
    )
    statute = parse_statute(text, "kk")
    assert [n.number for n in find(statute, "art_1__para_7").children if n.kind == "subparagraph"] == ["1", "2"]


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_only_a_laws_first_edition_is_dated_from_the_adoption_its_text_states(tmp_path):
    text = "# Закон\n\nСтатья 1. Срок\n\nТекст.\n\nПрезидент Республики Казахстан\n\n22 мая 2010 года\n"
    run(write(tmp_path, "law.md", text), "--law", "law")
    first = Revision.objects.get()
    assert (first.valid_from.isoformat(), first.in_force_certain) == ("2010-05-22", False)
    assert "the date it came into force is not recorded here" in first.in_force_basis
    # A consolidated later text keeps the original signature: it must be dated, or it would replace the first.
    _, _, error = run(write(tmp_path, "later.md", text.replace("Текст.", "Новый текст.")), "--law", "law")
    assert "give --valid-from" in error
    assert Revision.objects.count() == 1


def test_russian_low_and_high_quotes_open_and_close_a_quotation():
    text = "# Закон\n\nСтатья 1. Изменения\n\n1) слова „Закон“ заменить словами „Кодекс“;\n\n2) статью 5 исключить.\n"
    assert [n.number for n in find(parse_statute(text, "ru"), "art_1").children] == ["1", "2"]


def test_a_file_of_invisible_characters_is_refused():
    with pytest.raises(StatuteSyntaxError, match="line 1: the file has no visible text"):
        parse_statute("\u00ad\ufeff\n", "ru")


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [("Глава IIIСпециальные положения", "III", "Специальные положения"), ("Глава XСЛУЖБА", "X", "СЛУЖБА")],
)
def test_a_roman_number_glued_to_a_title_in_capitals(heading, number, title):
    node = find(
        parse_statute(f"# Закон\n\n{heading}\n\nСтатья 1. А\n\nТекст.\n", "ru"), f"chp_{10 if number == 'X' else 3}"
    )
    assert (node.number, node.heading) == (number, title)


def test_a_kazakh_footnote_after_the_signature_that_names_an_act_is_a_footnote():
    text = "# Заң\n\n1-бап. Мерзім\n\nМәтін.\n\nҚазақстан Республикасының Президенті\n\nЕскерту. Заңға өзгерістер енгізілді - ҚР 2012.02.13 № 553-IV Заңымен.\n"
    [note] = parse_statute(text, "kk").root.notes
    assert note.kind == "footnote"


def test_footnotes_under_the_title_broken_over_paragraphs_stay_footnotes():
    text = (
        "# О войсках\n\nСноска. Название Закона в редакции Указа Президента Республики\n\n"
        "Казахстан от 22 декабря 1995 г. N 2708;\n\n"
        "Сноска№ В заголовке слова заменены - Законом РК от 24 декабря 2001 года N 274;\n\n"
        "в тексте слова исключены - Законом РК от 20 декабря 2004 г. N 13.\n\n"
        "По всему тексту слова заменены - Законом РК от 6 июля 2007 г. N 277;\n\n"
        "2) по всему тексту слова заменить.\n\n## Раздел 1. Общие положения\n\nСтатья 1. Цели\n\nТекст.\n"
    )
    statute = parse_statute(text, "ru")
    assert [note.text.count("\n") for note in statute.root.notes] == [1, 3]
    assert statute.outline() == ["section 1", "  article 1"]
    assert statute.warnings == []
