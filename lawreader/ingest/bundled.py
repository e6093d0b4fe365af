"""The laws shipped in fixtures/: one folder per law with a manifest.json, edition files and annotations.

manifest.json:
  {"law": {slug, title, short_title, number, jurisdiction, adopted_on, official_id, default_language},
   "editions": [{file, language, valid_from, label, source_note, coverage_note, amended_by: [...]}],
   "annotations": "annotations.json"}      # optional: [{edition, language?, target_eid, kind, title, body}]

Loading is idempotent: an edition whose file and metadata are unchanged is left alone, a changed one is
replaced (keeping editors' annotations), and bundled annotations are created once and never overwritten, so
an editor's later changes to them survive a reload.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from lawreader.ingest.importer import checksum, import_statute
from lawreader.store.models import Annotation, Law, Provision, Revision
from lawreader.store.models.annotations import AnnotationSource, AnnotationStatus

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LAW_FIELDS = ["title", "short_title", "number", "jurisdiction", "adopted_on", "official_id", "default_language"]
EDITION_FIELDS = ["label", "source_note", "coverage_note", "amended_by"]


class ManifestError(ValueError):
    pass


@dataclass
class LoadReport:
    law: str
    imported: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    annotations_created: int = 0

    def __str__(self):
        return (
            f"{self.law}: {len(self.imported)} editions imported, {len(self.unchanged)} unchanged, "
            f"{self.annotations_created} bundled annotations created."
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
    values = {name: edition.get(name, "") for name in EDITION_FIELDS}
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
        annotations_file = manifest.get("annotations")
        if annotations_file:
            report.annotations_created = load_annotations(law, folder / annotations_file)
    return report


def load_edition(law, folder, edition, report, progress):
    path = folder / edition["file"]
    text = path.read_text(encoding="utf-8")
    valid_from = datetime.date.fromisoformat(edition["valid_from"])
    values = edition_values(edition)
    existing = Revision.objects.filter(law=law, language=edition["language"], valid_from=valid_from).first()
    name = f"{edition['language']} {valid_from:%Y-%m-%d}"
    if existing and existing.source_checksum == checksum(text):
        changed = [k for k, v in values.items() if getattr(existing, k) != v]
        if changed:
            Revision.objects.filter(pk=existing.pk).update(**values)
        report.unchanged.append(name)
        return
    if progress:
        progress(f"Importing {law.slug} {name} from {path.name}…")
    summary = import_statute(text, law=law, language=edition["language"], valid_from=valid_from, replace=True, **values)
    report.imported.append(name)
    if progress:
        progress(f"  {summary}")


def load_annotations(law, path):
    entries = json.loads(path.read_text(encoding="utf-8"))
    revisions = {(r.language, r.valid_from.isoformat()): r for r in law.revisions.all()}
    content_hashes = {
        (revision_id, eid): content_hash
        for revision_id, eid, content_hash in Provision.objects.filter(revision__law=law).values_list(
            "revision_id", "eid", "content_hash"
        )
    }
    created = 0
    for number, entry in enumerate(entries, start=1):
        revision = revisions.get((entry.get("language", law.default_language), entry["edition"]))
        if revision is None:
            raise ManifestError(f"{path.name} entry {number}: no edition {entry['edition']} of {law.slug}.")
        if (revision.pk, entry["target_eid"]) not in content_hashes:
            raise ManifestError(
                f"{path.name} entry {number}: {entry['target_eid']!r} does not exist in the edition of {entry['edition']}."
            )
        _, was_created = Annotation.objects.get_or_create(
            law=law,
            revision=revision,
            target_eid=entry["target_eid"],
            title=entry["title"],
            source=AnnotationSource.FIXTURE,
            defaults={
                "kind": entry["kind"],
                "body": entry["body"],
                "status": AnnotationStatus.PUBLISHED,
                "content_hash": content_hashes[(revision.pk, entry["target_eid"])],
            },
        )
        created += was_created
    return created
