"""The laws shipped in fixtures/: one folder per law with a manifest.json, edition files and annotations.

manifest.json:
  {"law": {slug, title, short_title, number, jurisdiction, adopted_on, official_id, default_language},
   "editions": [{file, language, valid_from, label, source_note, coverage_note, amended_by: [...]}],
   "annotations": "annotations.json"}      # optional: [{edition, language?, target_eid, kind, title, body,
                                           #             formerly?: the title it had before a rename}]

Loading is idempotent: an edition whose file and metadata are unchanged is left alone, a changed one is
replaced (keeping editors' annotations). Bundled annotations are created once; a later correction in the fixtures
updates a bundled note only while nobody has edited it (its `fixture_digest` still matches), so an editor's
version always survives a reload.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from lawreader.ingest.acts import rebuild_effects
from lawreader.ingest.importer import checksum, import_statute
from lawreader.ingest.linker import LINKER_VERSION
from lawreader.ingest.links import relink
from lawreader.store.models import Annotation, Law, Provision, Revision
from lawreader.store.models.annotations import AnnotationSource, AnnotationStatus

FIXTURE = AnnotationSource.FIXTURE

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LAW_FIELDS = ["title", "short_title", "number", "jurisdiction", "adopted_on", "official_id", "default_language"]
# Revision fields a manifest's edition may set, with the value when it does not.
EDITION_FIELDS = {
    "label": "",
    "source_note": "",
    "coverage_note": "",
    "amended_by": "",
    "in_force_certain": True,
    "in_force_basis": "",
}


class ManifestError(ValueError):
    pass


@dataclass
class LoadReport:
    law: str
    imported: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    annotations_created: int = 0
    annotations_updated: int = 0

    def __str__(self):
        return (
            f"{self.law}: {len(self.imported)} editions imported, {len(self.unchanged)} unchanged, "
            f"{self.annotations_created} bundled annotations created, {self.annotations_updated} updated from the "
            "fixtures (notes edited by editors are kept)."
        )


def manifests(directory=None):
    return sorted(Path(directory or FIXTURES_DIR).glob("*/manifest.json"))


def read_manifest(path):
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["law"]["slug"]
        manifest["editions"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ManifestError(f"{path}: not a valid manifest ({error}).") from None
    return manifest


def edition_values(edition):
    values = {name: edition.get(name, default) for name, default in EDITION_FIELDS.items()}
    if isinstance(values["amended_by"], list):
        values["amended_by"] = "\n".join(values["amended_by"])
    return values


def load_law(manifest_path, progress=None):
    """Load one bundled law, all or nothing."""
    manifest = read_manifest(manifest_path)
    folder = manifest_path.parent
    law_values = dict(manifest["law"])
    slug = law_values.pop("slug")
    if law_values.get("adopted_on"):
        law_values["adopted_on"] = datetime.date.fromisoformat(law_values["adopted_on"])
    report = LoadReport(law=slug)
    with transaction.atomic():
        law, _ = Law.objects.update_or_create(
            slug=slug, defaults={k: v for k, v in law_values.items() if k in LAW_FIELDS}
        )
        for edition in manifest["editions"]:
            load_edition(law, folder, edition, report, progress)
        # Editions whose text is unchanged are not imported again; their acts are read all the same, so a database
        # from before acts were read gets them.
        rebuild_effects(law)
        annotations_file = manifest.get("annotations")
        if annotations_file:
            load_annotations(law, folder / annotations_file, report)
    return report


def load_edition(law, folder, edition, report, progress):
    path = folder / edition["file"]
    text = path.read_text(encoding="utf-8")
    valid_from = datetime.date.fromisoformat(edition["valid_from"])
    values = edition_values(edition)
    move_edition(law, edition, valid_from)
    existing = Revision.objects.filter(law=law, language=edition["language"], valid_from=valid_from).first()
    name = f"{edition['language']} {valid_from:%Y-%m-%d}"
    if existing and existing.source_checksum == checksum(text):
        changed = [k for k, v in values.items() if getattr(existing, k) != v]
        if changed:
            Revision.objects.filter(pk=existing.pk).update(**values)
        if existing.linked_with != LINKER_VERSION:
            relink(existing)  # the link finder has improved since this edition was imported
        report.unchanged.append(name)
        return
    if progress:
        progress(f"Importing {law.slug} {name} from {path.name}…")
    summary = import_statute(text, law=law, language=edition["language"], valid_from=valid_from, replace=True, **values)
    report.imported.append(name)
    if progress:
        progress(f"  {summary}")


def move_edition(law, edition, valid_from):
    """An edition the manifest now dates differently ("previously_valid_from": the date it had) keeps its row, and
    with it the notes editors wrote against it."""
    previously = edition.get("previously_valid_from")
    if not previously:
        return
    in_language = Revision.objects.filter(law=law, language=edition["language"])
    if not in_language.filter(valid_from=valid_from).exists():
        in_language.filter(valid_from=datetime.date.fromisoformat(previously)).update(valid_from=valid_from)


def fixture_digest(kind, body):
    return hashlib.sha256(f"{kind}\x1f{body}".encode()).hexdigest()


def untouched(note):
    """A bundled note nobody has changed since the loader last wrote it."""
    if note.fixture_digest:
        return fixture_digest(note.kind, note.body) == note.fixture_digest
    # Written before digests were kept: untouched unless the admin history records a change to it.
    edits = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Annotation), object_id=str(note.pk))
    return not edits.exclude(action_flag=ADDITION).exists()


def load_annotations(law, path, report):
    entries = json.loads(path.read_text(encoding="utf-8"))
    revisions = {(r.language, r.valid_from.isoformat()): r for r in law.revisions.all()}
    content_hashes = {
        (revision_id, eid): content_hash
        for revision_id, eid, content_hash in Provision.objects.filter(revision__law=law).values_list(
            "revision_id", "eid", "content_hash"
        )
    }
    for number, entry in enumerate(entries, start=1):
        revision = revisions.get((entry.get("language", law.default_language), entry["edition"]))
        if revision is None:
            raise ManifestError(f"{path.name} entry {number}: no edition {entry['edition']} of {law.slug}.")
        if (revision.pk, entry["target_eid"]) not in content_hashes:
            raise ManifestError(
                f"{path.name} entry {number}: {entry['target_eid']!r} does not exist in the edition of {entry['edition']}."
            )
        written = {
            "kind": entry["kind"],
            "body": entry["body"],
            "content_hash": content_hashes[(revision.pk, entry["target_eid"])],
            "fixture_digest": fixture_digest(entry["kind"], entry["body"]),
        }
        if entry.get("formerly"):
            # A note renamed in the fixtures keeps its identity (and any editor's changes) under the new title.
            Annotation.objects.filter(
                law=law, revision=revision, target_eid=entry["target_eid"], title=entry["formerly"], source=FIXTURE
            ).update(title=entry["title"])
        note, was_created = Annotation.objects.get_or_create(
            law=law,
            revision=revision,
            target_eid=entry["target_eid"],
            title=entry["title"],
            source=FIXTURE,
            defaults={**written, "status": AnnotationStatus.PUBLISHED},
        )
        if was_created:
            report.annotations_created += 1
        elif note.fixture_digest != written["fixture_digest"] and untouched(note):
            # A correction in the fixtures reaches a note nobody has edited; an editor's version is kept.
            corrected = (note.kind, note.body) != (written["kind"], written["body"])
            Annotation.objects.filter(pk=note.pk).update(**written)
            report.annotations_updated += corrected
