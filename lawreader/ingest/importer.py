"""Import a parsed statute into the store: one edition, all or nothing."""

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction

from lawreader.ingest import akn
from lawreader.ingest.acts import rebuild_effects
from lawreader.ingest.layout import detect_language
from lawreader.ingest.links import link_citers_of, link_rows
from lawreader.ingest.parser import MAX_TEXT_CHARACTERS, NOTE_FOOTNOTE, parse_statute
from lawreader.memory import cyclic_collection_paused
from lawreader.store import tree
from lawreader.store.bulk import insert_rows, new_row_defaults
from lawreader.store.models import Annotation, Law, Revision
from lawreader.store.models.annotations import AnnotationKind, AnnotationSource, AnnotationStatus
from lawreader.store.signals import edition_stored
from lawreader.store.triggers import inserts_counted_once


class EditionExists(Exception):
    pass


class MissingDate(ValueError):
    """The text states no date and none was given."""


@dataclass
class ImportSummary:
    revision: Revision
    replaced: bool
    chapters: int
    articles: int
    provisions: int
    notes: int
    warnings: list
    unread_footnotes: list  # footnotes that state no act this importer can read: they stay notes

    def __str__(self):
        verb = "Replaced" if self.replaced else "Imported"
        return (
            f"{verb} {self.revision.law.slug} ({self.revision.language}, {self.revision.valid_from:%Y-%m-%d}): "
            f"{self.chapters} chapters, {self.articles} articles, {self.provisions} provisions, {self.notes} notes"
            + (f", {len(self.warnings)} warnings" if self.warnings else "")
            + (
                f"; footnotes naming no act it could read: {len(self.unread_footnotes)}."
                if self.unread_footnotes
                else "."
            )
        )


def checksum(text):
    return hashlib.sha256(text.encode()).hexdigest()


@cyclic_collection_paused()
def import_statute(
    text,
    *,
    law,
    language,
    valid_from=None,
    replace=False,
    strict=False,
    progress=None,
    max_characters=MAX_TEXT_CHARACTERS,
    **edition_fields,
):
    """Parse `text` (an official text, or an Akoma Ntoso document: parse_text) and store it as the edition of `law`
    in `language` valid from `valid_from` (by default the date an Akoma Ntoso document's expression states, else the
    date the text's closing block states).

    Raises StatuteSyntaxError (nothing written), MissingDate, or EditionExists (when the edition exists and not
    `replace`). Replacing keeps the Revision row, so editors' annotations written against it survive; only the
    tree and the notes that came from the text are renewed. `edition_fields` are further Revision fields.
    """
    parsed = parse_text(text, language, strict=strict, max_characters=max_characters)
    if valid_from is None:
        valid_from = expression_date(parsed, edition_fields) or first_edition_date(parsed, law, edition_fields)
    if progress:
        progress(f"Parsed {parsed.provision_count} provisions; writing…")
    new_law = law.pk is None
    try:
        return store_parsed(parsed, text, law, language, valid_from, replace, progress, edition_fields)
    except IntegrityError:
        edition = Revision.objects.filter(law__slug=law.slug, language=language, valid_from=valid_from)
        if not (edition.exists() or (new_law and Law.objects.filter(slug=law.slug).exists())):
            raise
        # Two imports of one new edition (or law) at once: the other committed first, and ours wrote nothing.
        raise EditionExists(
            f"another import of {law.slug} ({language}, {valid_from:%Y-%m-%d}) finished first; nothing was "
            "imported. Run it again (with --replace to replace that edition)."
        ) from None


def parse_text(text, language, strict=False, max_characters=MAX_TEXT_CHARACTERS):
    """A statute from an Akoma Ntoso document (ingest/akn.py), or else from an official text, plain or Markdown."""
    if akn.is_akn(text):
        return akn.parse_akn(text, language, strict=strict)
    return parse_statute(text, language, strict=strict, max_characters=max_characters)


def text_language(text):
    """The language a text is in: the one an Akoma Ntoso document states, else the one its letters tell."""
    return (akn.is_akn(text) and akn.stated_language(text)) or detect_language(text)


def expression_date(parsed, edition_fields):
    """The date of an Akoma Ntoso document's expression, or None: the edition is dated by it — marked as not known
    to be the day it came into force, which few documents state."""
    if parsed.valid_from is not None:
        edition_fields.setdefault("in_force_certain", False)
        edition_fields.setdefault(
            "in_force_basis",
            f"Dated from the Akoma Ntoso document's expression ({parsed.valid_from:%d.%m.%Y}); "
            "the date it came into force is not recorded here.",
        )
    return parsed.valid_from


def first_edition_date(parsed, law, edition_fields):
    """A new law's first edition may be dated from the adoption its closing block states — marked as not the date
    it came into force. A later edition must be dated: a consolidated text keeps the original signature."""
    if parsed.adopted is None or (law.pk is not None and law.revisions.exists()):
        raise MissingDate("the date the edition took effect is needed: the text states none of its own that fits")
    edition_fields.setdefault("in_force_certain", False)
    edition_fields.setdefault(
        "in_force_basis",
        f"Dated from the adoption the text states ({parsed.adopted:%d.%m.%Y}); "
        "the date it came into force is not recorded here.",
    )
    return parsed.adopted


def store_parsed(parsed, text, law, language, valid_from, replace, progress, edition_fields):
    with transaction.atomic():
        if law.pk is None:
            law.title = (law.title or parsed.title or law.slug)[:500]
            law.short_title = law.short_title or law.title[:200]
            law.number = law.number or (f"No. {parsed.number}" if parsed.number else "")
            law.adopted_on = law.adopted_on or parsed.adopted
            law.save()
        revision = existing_edition(law, language, valid_from)
        replaced = revision is not None
        if replaced and not replace:
            raise EditionExists(
                f"{law.slug} already has an edition in {language} valid from {valid_from:%Y-%m-%d} "
                f"(revision {revision.pk}); use --replace to replace its text (editors' annotations are kept)."
            )
        if replaced:
            tree.delete_tree(revision)
            delete_imported_notes(revision)
        else:
            revision = Revision(law=law, language=language, valid_from=valid_from)
        revision.title = (edition_fields.pop("title", "") or parsed.title)[:500]
        revision.signature = parsed.signature
        revision.import_warnings = "\n".join(str(warning) for warning in parsed.warnings)
        revision.source_checksum = checksum(text)
        for name, value in edition_fields.items():
            setattr(revision, name, value)
        revision.save()

        inserted = tree.insert_tree(
            revision,
            parsed.root,
            progress=progress and (lambda n: progress(f"  {n} provisions prepared")),
            prepare=lambda rows: link_rows(revision, rows),
        )
        revision.save(update_fields=["defined_terms", "cited_acts", "linked_with"])
        if not replaced:
            link_citers_of(law)  # laws that name this one link to it from now on
        # edition_stored below re-indexes the whole edition, these notes included.
        insert_notes(law, revision, parsed)
        unreadable = rebuild_effects(law)
        unread = [footnote for footnote in footnotes_of(parsed) if footnote.body in unreadable]
        edition_stored.send(sender=Revision, revision=revision)
    return ImportSummary(
        revision=revision,
        replaced=replaced,
        chapters=parsed.count("chapter"),
        articles=parsed.count("article"),
        provisions=inserted - 1,
        notes=parsed.note_count,
        warnings=parsed.warnings,
        unread_footnotes=unread,
    )


def existing_edition(law, language, valid_from):
    """The edition being replaced, locked until the import commits; None for a new edition."""
    return Revision.objects.select_for_update().filter(law=law, language=language, valid_from=valid_from).first()


class Footnote(NamedTuple):
    target_eid: str
    body: str


def footnotes_of(parsed):
    """The text's footnotes, in document order."""
    for node in parsed.root.walk():
        yield from (Footnote(node.eid, note.text) for note in node.notes if note.kind == NOTE_FOOTNOTE)


# What an imported note states; its other columns keep the model's defaults.
NOTE_FIELDS = ("law", "revision", "target_eid", "kind", "title", "body", "position", "status", "source")


def insert_notes(law, revision, parsed):
    """The text's footnotes and editorial notes, published. Written as rows, not model instances: a code's tenth
    edition carries thousands of footnotes, and the version moves once for them all."""
    default_fields, defaults = new_row_defaults(Annotation, NOTE_FIELDS)
    rows = []
    for node in parsed.root.walk():
        for position, note in enumerate(node.notes):
            is_footnote = note.kind == NOTE_FOOTNOTE
            rows.append(
                (
                    law.pk,
                    revision.pk,
                    node.eid,
                    AnnotationKind.AMENDMENT if is_footnote else AnnotationKind.EDITORIAL,
                    "" if is_footnote else note.marker,
                    note.text,
                    position,
                    AnnotationStatus.PUBLISHED,
                    AnnotationSource.IMPORT,
                    *defaults,
                )
            )
    imported = "revision_id = %s AND source = %s"
    with inserts_counted_once(Annotation, imported, [revision.pk, AnnotationSource.IMPORT]):
        insert_rows(Annotation, NOTE_FIELDS + default_fields, rows)


def delete_imported_notes(revision):
    """Remove the notes an earlier import of the edition wrote, in one statement. Not Django's delete, which reads
    every note as an instance to announce it and takes each out of the search index on its own: thousands for a
    code. Their index entries are the edition's, which the edition_stored the import sends re-indexes whole."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Annotation._meta.db_table} WHERE revision_id = %s AND source = %s",
            [revision.pk, AnnotationSource.IMPORT],
        )


def law_for_import(slug, title, language):
    """The law to import into: an existing one, or a new (unsaved) one titled from `title` if given."""
    law = Law.objects.filter(slug=slug).first()
    if law is None:
        law = Law(slug=slug, title=title, short_title=title, default_language=language)
    return law
