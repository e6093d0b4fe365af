"""The importer on the real official texts in ../shared/corpus (test data only, read in place)."""

import pytest

from lawreader.ingest.parser import parse_statute
from lawreader.store.models import Annotation, Provision
from tests.builders import find, import_text, make_law


def parsed(corpus, name, language):
    return parse_statute((corpus / name).read_text(encoding="utf-8"), language)


def item_numbers(statute, eid):
    return [child.number for child in find(statute, eid).children if child.kind == "subparagraph"]


def test_russian_original_has_3_chapters_22_articles(corpus):
    statute = parsed(corpus, "rus-2010-original.md", "ru")
    assert statute.count("chapter") == 3
    assert statute.count("article") == 22
    assert statute.title == "О внешней разведке"
    assert len(item_numbers(statute, "art_1")) == 3
    assert item_numbers(statute, "art_9") == [str(n) for n in range(1, 29)]


def test_russian_2014_has_inserted_articles_and_items(corpus):
    statute = parsed(corpus, "rus-2014.md", "ru")
    articles = [node.number for node in statute.root.walk() if node.kind == "article"]
    assert len(articles) == 26
    assert {"9-1", "16-1", "16-2", "16-3"} <= set(articles)
    assert "20-1" in item_numbers(statute, "art_9")
    assert find(statute, "art_9__subpara_20-1__text_1").text.startswith("Направление в целях")


def test_russian_2014_footnotes_attach_to_the_articles_they_follow(corpus):
    statute = parsed(corpus, "rus-2014.md", "ru")
    [footnote] = find(statute, "art_9-1").notes
    assert footnote.text.startswith("Глава 2 дополнена статьей 9-1")
    with_footnotes = [node.eid for node in statute.root.walk() if any(n.kind == "footnote" for n in node.notes)]
    assert with_footnotes == [
        "art_2",
        "art_6",
        "art_7",
        "art_8",
        "art_9",
        "art_9-1",
        "art_13",
        "art_14",
        "art_15",
        "art_16",
        "art_16-1",
        "art_16-2",
        "art_16-3",
        "art_17",
    ]
    publisher = [note for note in statute.root.notes if note.kind == "publisher"]
    assert publisher[0].marker == "Примечание РЦПИ"


@pytest.mark.parametrize(("russian", "kazakh"), [("rus-2010-original.md", "kaz-2010-original.md")])
def test_kazakh_text_has_the_structure_of_its_russian_counterpart(corpus, russian, kazakh):
    ru = parsed(corpus, russian, "ru")
    kk = parsed(corpus, kazakh, "kk")
    assert [(n.kind, n.eid) for n in kk.root.walk()] == [(n.kind, n.eid) for n in ru.root.walk()]


def test_kazakh_2018_keeps_the_2014_structure_plus_its_amendments(corpus):
    ru_2014 = {node.eid for node in parsed(corpus, "rus-2014.md", "ru").root.walk()}
    kk_2018 = {node.eid for node in parsed(corpus, "kaz-2018.md", "kk").root.walk()}
    assert "art_9__subpara_9-1" in kk_2018 - ru_2014  # added by Law No. 36-VI of 28 December 2016
    assert ru_2014 - kk_2018 == set()


@pytest.mark.django_db
def test_official_texts_import_into_the_store(corpus):
    law = make_law(slug="foreign-intelligence-official", language="ru")
    for name, language, date in [
        ("rus-2010-original.md", "ru", "2010-06-02"),
        ("rus-2014.md", "ru", "2014-04-18"),
        ("kaz-2010-original.md", "kk", "2010-06-02"),
        ("kaz-2018.md", "kk", "2018-07-13"),
    ]:
        import_text(law, (corpus / name).read_text(encoding="utf-8"), valid_from=date, language=language)
    assert Provision.objects.filter(revision__law=law, kind="article").count() == 22 + 26 + 22 + 26
    assert Annotation.objects.filter(law=law, target_eid="art_9-1", kind="amendment").count() == 2
    assert Provision.objects.find_problems() == ([], [], [], [], [])
