"""Notes as W3C Web Annotations: the published ones out as JSON-LD, a collection back in as drafts."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from lawreader import frbr
from lawreader.annotate.visibility import notes_shown_in
from lawreader.opendata.web_annotations import CONTENT_TYPE, CONTEXT
from lawreader.store.models import Annotation, Provision, Revision
from tests.builders import import_text, make_law, note_on, statute_text

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"
QUOTED_EID = "art_1__para_1__subpara_1"


def collection(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return json.loads(response.content)


def items(data):
    return data["first"]["items"] if data["total"] else []


def quoted_note(law, date, eid, words, **fields):
    """A published note quoting `words` of the provision, with its context, as the editor saves it."""
    text = Provision.objects.get(revision__law=law, revision__valid_from=date, eid=eid).text
    start = text.index(words)
    context = {"quote_prefix": text[:start][-32:], "quote_suffix": text[start + len(words) :][:32]}
    return note_on(law, date, eid, quote_exact=words, quote_start=start, **context, **fields)


def test_the_law_collection_is_json_ld_of_every_published_note(client, bundled_law):
    response = client.get(f"{LAW}/annotations.jsonld", headers={"Origin": "https://annotator.example"})
    assert response["Access-Control-Allow-Origin"] == "*"  # annotation clients on other sites may read them
    data = collection(client, f"{LAW}/annotations.jsonld")
    assert data["@context"] == CONTEXT and data["type"] == "AnnotationCollection"
    assert data["id"] == f"http://testserver{LAW}/annotations.jsonld"
    published = Annotation.objects.filter(law=bundled_law, status="published").count()
    assert data["total"] == len(items(data)) == published
    for annotation in items(data):
        assert annotation["type"] == "Annotation" and "@context" not in annotation
        assert annotation["motivation"] in {"commenting", "describing", "linking"}
        assert annotation["creator"] == {"id": "http://testserver/", "type": "Organization", "name": "Lawreader"}
        assert annotation["body"]["type"] == "TextualBody" and annotation["body"]["format"] == "text/markdown"


def test_a_quoted_note_has_its_page_eid_quote_and_edition(client, bundled_law):
    words = "information obtained"
    note = quoted_note(bundled_law, "2014-04-18", "art_1__subpara_1", words, kind="commentary", body="*Obtained*.")
    by_id = {item["id"]: item for item in items(collection(client, f"{LAW}/annotations.jsonld"))}
    page = f"http://testserver{LAW}/on/2014-04-18/art_1/"
    annotation = by_id[f"{page}#note-{note.pk}"]
    assert annotation["motivation"] == "commenting"
    assert annotation["body"] == {
        "type": "TextualBody",
        "format": "text/markdown",
        "language": "en",
        "value": "*Obtained*.",
        "schema:genre": "commentary",
        "label": "A note",
    }
    target = annotation["target"]
    assert target["source"] == page
    assert target["state"] == {
        "id": "http://testserver/akn/kz/act/2010-05-22/277-IV/eng@2014-04-18",
        "type": "TimeState",
        "sourceDate": "2014-04-18T00:00:00Z",
    }
    fragment, quote, position = target["selector"]
    assert fragment == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": "art_1__subpara_1",
    }
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": words,
        "prefix": note.quote_prefix,
        "suffix": note.quote_suffix,
    }
    assert position == {"type": "TextPositionSelector", "start": note.quote_start, "end": note.quote_start + len(words)}


def test_a_draft_is_never_exported(client, bundled_law, admin_client):
    note_on(bundled_law, "2014-04-18", "art_5", title="Quixotic draft", body="Zanzibar draft.", status="draft")
    for reader in (client, admin_client):
        for url in (f"{LAW}/annotations.jsonld", f"{LAW}/on/2014-04-18/annotations.jsonld"):
            assert "Zanzibar" not in reader.get(url).content.decode()
    output = io.StringIO()
    call_command("export_annotations", law="foreign-intelligence", stdout=output)
    assert "Zanzibar" not in output.getvalue()


def test_an_edition_collection_holds_the_notes_that_edition_shows(client, bundled_law):
    data = collection(client, f"{LAW}/on/2015-01-01/annotations.jsonld")
    edition = Revision.objects.get(law=bundled_law, language="en", valid_from="2014-04-18")
    assert data["id"] == f"http://testserver{LAW}/on/2014-04-18/annotations.jsonld"
    assert data["total"] == notes_shown_in(edition, None).count() > 0
    whole_law = {item["id"]: item for item in items(collection(client, f"{LAW}/annotations.jsonld"))}
    assert all(whole_law[item["id"]] == item for item in items(data))


def test_the_export_command_writes_what_the_site_serves(client, bundled_law, tmp_path):
    path = tmp_path / "notes.jsonld"
    call_command(
        "export_annotations", path, law="foreign-intelligence", base_url="http://testserver/", stdout=io.StringIO()
    )
    assert json.loads(path.read_text(encoding="utf-8")) == collection(client, f"{LAW}/annotations.jsonld")


@pytest.fixture
def source_law(db):
    """A law with a quoted published note and a draft, in its edition of 2020."""
    law = make_law(slug="source-law")
    import_text(law, statute_text(chapters=1, articles_per_chapter=2, parts=1, items=2), valid_from="2020-01-01")
    quoted_note(law, "2020-01-01", QUOTED_EID, "part 1 of article 1", body="On the *first* item.")
    note_on(law, "2020-01-01", "art_2", kind="cross_reference", body="See [Article 1](eid:art_1).")
    note_on(law, "2020-01-01", "art_2", body="Never leaves.", status="draft")
    return law


@pytest.fixture
def exported(source_law, tmp_path):
    path = tmp_path / "source-law.jsonld"
    call_command("export_annotations", path, law="source-law", stdout=io.StringIO())
    return path


def held(law):
    return {(n.target_eid, n.kind, n.body, n.quote_exact) for n in Annotation.objects.filter(law=law)}


def test_notes_round_trip_as_drafts_into_another_law_and_an_edition_with_other_wording(client, source_law, exported):
    target = make_law(slug="target-law")
    reworded = statute_text(chapters=1, articles_per_chapter=2, parts=1, items=2).replace(
        "1) item 1 of part 1 of article 1;", "1) as amended, item 1 of part 1 of article 1;"
    )
    edition = import_text(target, reworded, valid_from="2019-06-01")  # the edition in force on 1 January 2020
    before = held(target)
    output = io.StringIO()
    call_command("import_annotations", exported, law="target-law", stdout=output)
    published = {note for note in held(source_law) if note[2] != "Never leaves."}
    assert held(target) - before == published - before
    imported = Annotation.objects.filter(law=target).exclude(source="import")
    assert {note.status for note in imported} == {"draft"} and {note.revision for note in imported} == {edition}
    quoted = imported.get(target_eid=QUOTED_EID)
    text = Provision.objects.get(revision=edition, eid=QUOTED_EID).text
    assert text[quoted.quote_start :].startswith("part 1 of article 1") and quoted.quote_start == text.index("part 1")
    footnotes = len(published & before)  # the target's own official footnotes read the same: held already
    assert f"target-law: {imported.count()} notes imported as drafts; {footnotes} already held" in output.getvalue()

    again = io.StringIO()
    call_command("import_annotations", exported, law="target-law", stdout=again)
    assert Annotation.objects.filter(law=target).exclude(source="import").count() == imported.count()
    assert f"0 notes imported as drafts; {len(published)} already held, skipped." in again.getvalue()


def test_imported_drafts_are_not_shown_to_readers(client, source_law, exported):
    Annotation.objects.filter(law=source_law).delete()
    source_notes = json.loads(exported.read_text(encoding="utf-8"))
    call_command("import_annotations", exported, law="source-law", stdout=io.StringIO())
    assert Annotation.objects.filter(law=source_law, status="draft").count() == source_notes["total"]
    page = client.get("/laws/source-law/on/2020-01-01/art_1/").content.decode()
    assert "first</em> item" not in page
    assert collection(client, "/laws/source-law/annotations.jsonld")["total"] == 0


def edited(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def first_item(data):
    return data["first"]["items"][0]


def quoted_item(data):
    return next(item for item in data["first"]["items"] if item["target"]["selector"][0]["value"] == QUOTED_EID)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data.update(type="Foo"),
            "$.type: expected an AnnotationCollection, an AnnotationPage or an Annotation",
        ),
        (lambda data: first_item(data).pop("body"), "$.first.items[0].body: expected a TextualBody"),
        (lambda data: first_item(data)["body"].update(value=7), "$.first.items[0].body.value: expected text"),
        (lambda data: first_item(data)["target"].pop("state"), "$.first.items[0].target.state: expected a TimeState"),
        (
            lambda data: first_item(data)["target"]["state"].update(id="x", sourceDate="2000-01-01T00:00:00Z"),
            "$.first.items[0].target.state: source-law has no edition in en in force on 2000-01-01",
        ),
        (
            lambda data: first_item(data)["target"]["selector"][0].update(value="art_99"),
            "$.first.items[0].target.selector: the edition of 2020-01-01 has no provision 'art_99'",
        ),
        (
            lambda data: quoted_item(data)["target"]["selector"][2].update(start=-1),
            "target.selector[2].start: expected a whole number, 0 or more",
        ),
    ],
)
def test_a_malformed_file_is_refused_whole_naming_what_is_wrong(source_law, exported, change, message):
    before = Annotation.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_annotations", edited(exported, change), law="source-law", stdout=io.StringIO())
    assert message in str(refused.value) and "Nothing was imported." in str(refused.value)
    assert Annotation.objects.count() == before


def test_a_file_that_is_not_json_is_refused(source_law, tmp_path):
    path = tmp_path / "notes.jsonld"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"notes\.jsonld: not JSON"):
        call_command("import_annotations", path, law="source-law")
    with pytest.raises(CommandError, match="There is no law 'no-such-law'"):
        call_command("import_annotations", path, law="no-such-law")


def test_the_edition_page_offers_its_notes(client, bundled_law):
    page = client.get(f"{LAW}/on/2025-06-01/").content.decode()
    assert f'href="{LAW}/on/2024-01-05/annotations.jsonld" type="application/ld+json"' in page


@pytest.mark.parametrize(
    ("uri", "named"),
    [
        ("https://example.org/akn/kz/act/2010-05-22/277-IV/rus@2014-04-18", ("ru", datetime.date(2014, 4, 18))),
        ("/akn/kz/act/2010-05-22/277-IV/kaz@2018-07-13", ("kk", datetime.date(2018, 7, 13))),
        ("/akn/kz/act/2010-05-22/277-IV/deu@2014-04-18", None),
        ("/akn/kz/act/2010-05-22/277-IV/eng@2014-02-30", None),
        ("/akn/kz/act/2010-05-22/277-IV", None),
    ],
)
def test_an_expression_uri_names_a_language_and_a_date(uri, named):
    assert frbr.expression_of(uri) == named
