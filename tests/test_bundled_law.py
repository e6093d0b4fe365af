"""The bundled English translation of the Law "On Foreign Intelligence" and its loader."""

import io
import json
import re
import shutil

import pytest
from django.core.management import call_command

from lawreader.ingest.bundled import FIXTURES_DIR, load_law
from lawreader.ingest.parser import parse_statute
from lawreader.store.models import Annotation, Provision, Revision

pytestmark = pytest.mark.django_db
LAW_DIR = FIXTURES_DIR / "foreign-intelligence"
MANIFEST = json.loads((LAW_DIR / "manifest.json").read_text(encoding="utf-8"))
OFFICIAL_SOURCES = {
    "2010-06-02": ("rus-2010-original.md", "ru"),
    "2014-04-18": ("rus-2014.md", "ru"),
    "2018-07-13": ("kaz-2018.md", "kk"),
}
UNOFFICIAL = "Unofficial English translation prepared for Lawreader from the official"


def edition_text(date):
    return (LAW_DIR / f"en-{date}.md").read_text(encoding="utf-8")


def test_four_editions_with_their_dates(bundled_law):
    dates = [r.valid_from.isoformat() for r in Revision.objects.filter(law=bundled_law).order_by("valid_from")]
    assert dates == ["2010-06-02", "2014-04-18", "2018-07-13", "2024-01-05"]
    assert bundled_law.number == "No. 277-IV"
    assert bundled_law.official_id == "Z100000277_"


def test_every_edition_says_it_is_an_unofficial_translation(bundled_law):
    for revision in Revision.objects.filter(law=bundled_law):
        assert revision.source_note.startswith(UNOFFICIAL)
        assert "not an official translation" in revision.source_note
        assert revision.coverage_note


@pytest.mark.parametrize("date", sorted(OFFICIAL_SOURCES))
def test_translation_has_exactly_the_provisions_of_its_official_text(corpus, date):
    name, language = OFFICIAL_SOURCES[date]
    official = parse_statute((corpus / name).read_text(encoding="utf-8"), language)
    english = parse_statute(edition_text(date), "en")
    assert english.provision_count == official.provision_count
    assert [(n.kind, n.eid) for n in english.root.walk()] == [(n.kind, n.eid) for n in official.root.walk()]
    assert [(n.eid, len(n.notes)) for n in english.root.walk()] == [(n.eid, len(n.notes)) for n in official.root.walk()]


MONTHS = {
    name: number
    for names in (
        "January February March April May June July August September October November December",
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    )
    for number, name in enumerate(names.split(), start=1)
}
# Roman numerals of convocations are printed with Cyrillic look-alikes in some official texts ("165-VІ").
LOOK_ALIKES = str.maketrans({"І": "I", "Х": "X", "В": "V"})
DATE_PATTERNS = [
    (re.compile(r"\b(\d{1,2})\.(\d{2})\.(\d{4})\b"), lambda m: (m[3], int(m[2]), m[1])),  # 13.02.2012
    (re.compile(r"\b(\d{4})\.(\d{2})\.(\d{2})\b"), lambda m: (m[1], int(m[2]), m[3])),  # 2012.02.13
    (re.compile(r"\b(\d{1,2}) ([^\W\d]+) (\d{4})\b"), lambda m: (m[3], MONTHS.get(m[2]), m[1])),  # 13 February 2012
]
LAW_NUMBER = re.compile(r"\b\d+-[IVX]+\b")
NUMBER = re.compile(r"\d+(?:-\d+)*")


def figures(text):
    """The dates, law numbers and other numbers a provision states, comparable across languages."""
    found, text = set(), text.translate(LOOK_ALIKES)
    for pattern, parts in DATE_PATTERNS:
        for match in pattern.finditer(text):
            year, month, day = parts(match)
            if month:
                found.add(f"{year}-{month:02d}-{int(day):02d}")
                text = text.replace(match[0], " ")
    found |= set(LAW_NUMBER.findall(text))
    return found | set(NUMBER.findall(LAW_NUMBER.sub(" ", text)))


def figure_differences(english, official):
    """Provisions (and their footnotes) whose figures differ from the official text's: [(eid, what, figures)]."""
    by_eid = {node.eid: node for node in official.root.walk()}
    differences = []
    for node in english.root.walk():
        source = by_eid[node.eid]
        pairs = [("text", f"{node.heading} {node.text}", f"{source.heading} {source.text}")]
        pairs += [
            (f"note {n}", ours.text, theirs.text)
            for n, (ours, theirs) in enumerate(zip(node.notes, source.notes, strict=False))
        ]
        for what, ours, theirs in pairs:
            if figures(ours) != figures(theirs):
                differences.append((node.eid, what, sorted(figures(ours) ^ figures(theirs))))
    return differences


@pytest.mark.parametrize("date", sorted(OFFICIAL_SOURCES))
def test_every_provision_states_the_figures_of_its_declared_source(corpus, date):
    """Numbers, law numbers and dates in each provision and footnote are those of the official text the edition
    declares as its source (the structure, and so every list's length, is checked above)."""
    name, language = OFFICIAL_SOURCES[date]
    official = parse_statute((corpus / name).read_text(encoding="utf-8"), language)
    assert figure_differences(parse_statute(edition_text(date), "en"), official) == []


def test_the_figures_check_reports_a_wrong_law_number_and_date(corpus):
    name, language = OFFICIAL_SOURCES["2014-04-18"]
    official = parse_statute((corpus / name).read_text(encoding="utf-8"), language)
    wrong = edition_text("2014-04-18").replace("No. 553-IV of 13 February 2012", "No. 533-IV of 13 February 2011", 1)
    [(_eid, _what, diff)] = figure_differences(parse_statute(wrong, "en"), official)
    assert diff == ["2011-02-13", "2012-02-13", "533-IV", "553-IV"]


def test_the_2018_edition_follows_the_kazakh_text_where_it_differs_and_says_so(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2018-07-13")
    texts = dict(Provision.objects.of_revision(revision).values_list("eid", "text"))
    assert "special means and combat fighting techniques" in texts["art_16-2__para_2"]
    assert "employees of the foreign intelligence body and protected persons" in texts["art_16-3__para_2"]
    assert texts["art_16-3__para_1__subpara_6"].startswith("to isolate and detain")
    assert "shall ensure the national security" in texts["art_2__para_2"]
    translator = set(
        Annotation.objects.filter(revision=revision, kind="translation").values_list("target_eid", flat=True)
    )
    assert translator == {"art_2__para_2", "art_16-2__para_2", "art_16-3__para_2", "art_16-3__para_1__subpara_6"}


def test_article_1_has_3_items_in_2010_and_6_in_2024(bundled_law):
    def items(date):
        revision = Revision.objects.get(law=bundled_law, valid_from=date)
        return list(
            Provision.objects.of_revision(revision)
            .filter(eid__startswith="art_1__subpara_")
            .values_list("number", flat=True)
        )

    assert items("2010-06-02") == ["1", "2", "3"]
    assert items("2024-01-05") == ["1", "1-1", "1-2", "2", "2-1", "3"]


def test_inserted_articles_appear_from_2014(bundled_law):
    inserted = {"art_9-1", "art_16-1", "art_16-2", "art_16-3"}
    for revision in Revision.objects.filter(law=bundled_law):
        eids = set(Provision.objects.of_revision(revision).articles().values_list("eid", flat=True))
        if revision.valid_from.year < 2014:
            assert not eids & inserted
        else:
            assert inserted <= eids


def test_2024_edition_has_the_established_changes(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2024-01-05")
    provisions = Provision.objects.of_revision(revision)
    assert "participants of the intelligence community" in provisions.get(eid="preamble").text
    assert "National Security Committee" in provisions.get(eid="art_1__subpara_2-1").text
    assert "INTELLIGENCE COMMUNITY" in provisions.get(eid="chp_2").heading


def test_2024_provisions_carried_forward_say_their_wording_is_unverified(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2024-01-05")
    flagged = set(
        Annotation.objects.filter(
            revision=revision, kind="editorial", status="published", title__icontains="not verified"
        ).values_list("target_eid", flat=True)
    )
    articles = set(Provision.objects.of_revision(revision).articles().values_list("eid", flat=True))
    assert articles - {"art_1"} <= flagged


def test_at_least_20_published_editorial_annotations_each_on_an_existing_provision(bundled_law):
    editorial = Annotation.objects.filter(law=bundled_law, source="fixture", status="published")
    assert editorial.exclude(title__icontains="not verified").count() >= 20
    for annotation in editorial:
        assert Provision.objects.filter(revision=annotation.revision_id, eid=annotation.target_eid).exists(), annotation


def test_footnotes_become_amendment_notes_of_each_edition(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    notes = Annotation.objects.filter(revision=revision, kind="amendment")
    assert notes.count() == 14
    assert notes.get(target_eid="art_9-1").body.startswith("Chapter 2 is supplemented by Article 9-1")


def test_unchanged_provisions_have_identical_text_across_editions(bundled_law):
    """A retranslation of unchanged text would show as a spurious amendment in comparisons."""
    revisions = list(Revision.objects.filter(law=bundled_law).order_by("valid_from"))
    hashes = [dict(Provision.objects.of_revision(r).values_list("eid", "content_hash")) for r in revisions]
    assert hashes[0]["art_3"] == hashes[1]["art_3"] == hashes[2]["art_3"]
    assert hashes[0]["art_18"] == hashes[1]["art_18"]
    assert hashes[2]["art_16-2"] == hashes[3]["art_16-2"]
    for part in ("art_16-2__para_1", "art_16-2__para_3"):
        assert hashes[1][part] == hashes[2][part] == hashes[3][part]
    # Part 2 follows the Kazakh text from 2018 on, where it differs from the Russian (a translator's note says so).
    assert hashes[1]["art_16-2__para_2"] != hashes[2]["art_16-2__para_2"]


def forbidden_pattern(synonym):
    """Whole words only: "note" inside "footnote" is not the synonym "Note"."""
    return re.compile(rf"(?<!\w){re.escape(synonym)}(?!\w)", re.IGNORECASE)


def test_glossary_terms_are_used_and_no_forbidden_synonym_appears():
    glossary = json.loads((LAW_DIR / "glossary.json").read_text(encoding="utf-8"))["terms"]
    texts = {date: edition_text(date) for date in ("2010-06-02", "2014-04-18", "2018-07-13", "2024-01-05")}
    notes = json.loads((LAW_DIR / "annotations.json").read_text(encoding="utf-8"))
    texts["annotations"] = "\n".join(f"{note['title']}\n{note['body']}" for note in notes)
    for term in glossary:
        for name, text in texts.items():
            for synonym in term["forbidden"]:
                assert not forbidden_pattern(synonym).search(text), f"{synonym!r} in {name}"
    all_text = " ".join(texts.values())
    for term in (
        "foreign intelligence body",
        "subjects of foreign intelligence",
        "intelligence activity",
        "persons giving confidential assistance",
        "one-person command",
    ):
        assert term in all_text


def test_forbidden_synonym_check_would_catch_one():
    glossary = json.loads((LAW_DIR / "glossary.json").read_text(encoding="utf-8"))["terms"]
    forbidden = [s for term in glossary for s in term["forbidden"]]
    sample = "The foreign intelligence agency shall act."
    assert any(forbidden_pattern(s).search(sample) for s in forbidden)
    assert not any(forbidden_pattern(s).search("Footnote. Article 2 as amended") for s in forbidden)


def test_loading_twice_changes_nothing(bundled_law):
    before = (
        list(Revision.objects.values_list("pk", "source_checksum", "label")),
        list(Provision.objects.values_list("pk", "path", "content_hash")),
        list(Annotation.objects.values_list("pk", "body")),
    )
    out = io.StringIO()
    call_command("load_bundled_laws", stdout=out)
    assert "0 editions imported, 4 unchanged, 0 bundled annotations created" in out.getvalue()
    after = (
        list(Revision.objects.values_list("pk", "source_checksum", "label")),
        list(Provision.objects.values_list("pk", "path", "content_hash")),
        list(Annotation.objects.values_list("pk", "body")),
    )
    assert after == before


def test_first_load_into_an_empty_store_imports_every_edition_and_note(empty_store):
    out = io.StringIO()
    call_command("load_bundled_laws", stdout=out)
    notes = len(json.loads((LAW_DIR / "annotations.json").read_text(encoding="utf-8")))
    assert f"4 editions imported, 0 unchanged, {notes} bundled annotations created" in out.getvalue()


def test_editors_changes_to_bundled_notes_survive_a_reload(bundled_law):
    note = Annotation.objects.filter(source="fixture").first()
    note.body = "Edited by an editor."
    note.save()
    call_command("load_bundled_laws", stdout=io.StringIO())
    note.refresh_from_db()
    assert note.body == "Edited by an editor."


def test_manifest_names_every_edition_file():
    for edition in MANIFEST["editions"]:
        assert (LAW_DIR / edition["file"]).is_file()


def test_a_reload_brings_corrections_to_an_existing_database_and_keeps_editors_notes(empty_store, tmp_path):
    """An installation loaded from older fixtures: a provision's old wording, two notes' old bodies, an old title."""
    old = tmp_path / "foreign-intelligence"
    shutil.copytree(LAW_DIR, old)
    edition = old / "en-2018-07-13.md"
    edition.write_text(
        edition.read_text(encoding="utf-8").replace("shall be notified", "is informed"), encoding="utf-8"
    )
    notes = json.loads((LAW_DIR / "annotations.json").read_text(encoding="utf-8"))
    old_notes = [dict(note) for note in notes]
    old_notes[10]["body"], old_notes[34]["body"] = "Old body A.", "Old body B."
    renamed = next(note for note in old_notes if note.get("formerly"))
    renamed["title"] = renamed.pop("formerly")
    (old / "annotations.json").write_text(json.dumps(old_notes, ensure_ascii=False), encoding="utf-8")
    load_law(old / "manifest.json")
    edited = Annotation.objects.get(body="Old body B.")
    edited.body = "An editor's own words."
    edited.save()

    report = load_law(LAW_DIR / "manifest.json")

    revision = Revision.objects.get(valid_from="2018-07-13")
    assert "shall be notified" in Provision.objects.of_revision(revision).get(eid="art_16-3__para_4").text
    assert Annotation.objects.filter(body=notes[10]["body"]).exists()
    assert Annotation.objects.get(pk=edited.pk).body == "An editor's own words."
    assert report.annotations_updated == 1
    assert Annotation.objects.filter(source="fixture").count() == len(notes)  # renamed, not duplicated
