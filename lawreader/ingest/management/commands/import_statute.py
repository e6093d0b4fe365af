import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.utils.text import slugify

from lawreader.ingest.importer import (
    EditionExists,
    MissingDate,
    import_statute,
    law_for_import,
    parse_text,
    text_language,
)
from lawreader.ingest.parser import StatuteSyntaxError
from lawreader.ingest.sources import read_source, statute_files
from lawreader.store.models.laws import LANGUAGES


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--valid-from {value!r} is not a date in the form YYYY-MM-DD.") from None


@dataclass
class Outcome:
    path: Path
    result: str  # "imported", "checked", "failed"
    detail: str
    warnings: int = 0


class Command(BaseCommand):
    help = (
        "Import statutes from official texts (plain text or Markdown export) or Akoma Ntoso documents: one file, "
        "several, or folders of them, each all or nothing. With --check, print each text's outline and warnings and "
        "write nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files, or folders of .md, .txt and .xml files.")
        parser.add_argument("--law", help="The law's slug (created if it does not exist); default: the file name.")
        parser.add_argument(
            "--language",
            choices=[code for code, _ in LANGUAGES],
            help="Default: the one an Akoma Ntoso document states, else told by the text's letters.",
        )
        parser.add_argument(
            "--valid-from",
            help="YYYY-MM-DD: the date the edition takes effect; default: the date the text (or the document's "
            "expression) states.",
        )
        parser.add_argument("--label", default="", help="How the edition is named, e.g. 'as amended on 7 April 2014'.")
        parser.add_argument("--title", default="", help="The law's title (for a new law) and this edition's.")
        parser.add_argument("--source-note", default="", help="Where the text comes from.")
        parser.add_argument("--replace", action="store_true", help="Replace the edition if it already exists.")
        parser.add_argument("--strict", action="store_true", help="Refuse irregular texts instead of warning.")
        parser.add_argument("--check", action="store_true", help="Print the outline and warnings; write nothing.")

    def handle(self, *args, **options):
        if options["law"]:
            try:
                validate_slug(options["law"])
            except ValidationError:
                raise CommandError(
                    f"--law {options['law']!r} is not a valid slug (letters, digits, - and _)."
                ) from None
        self.valid_from = iso_date(options["valid_from"]) if options["valid_from"] else None
        self.options = options
        paths = statute_files(options["paths"])
        if len(paths) == 1:
            self.import_one(paths[0], single=True)
            return
        outcomes = []
        for position, path in enumerate(paths, start=1):
            self.progress(f"[{position}/{len(paths)}] {path}")
            try:
                outcomes.append(self.import_one(path, single=False))
            except CommandError as error:
                outcomes.append(Outcome(path, "failed", str(error)))
                self.stderr.write(f"  {error}")
        self.write_summary(outcomes)
        failed = sum(1 for outcome in outcomes if outcome.result == "failed")
        if failed:
            raise CommandError(f"{failed} of {len(outcomes)} files failed; the others were {self.verb}.")

    @property
    def verb(self):
        return "checked" if self.options["check"] else "imported"

    def import_one(self, path, single):
        options = self.options
        if single:
            self.progress(f"Reading {path}…")
        text = read_source(path)
        language = options["language"] or text_language(text)
        try:
            if options["check"]:
                return self.print_outline(path, text, language)
            summary = import_statute(
                text,
                law=law_for_import(options["law"] or slug_for(path), options["title"], language),
                language=language,
                valid_from=self.valid_from,
                replace=options["replace"],
                strict=options["strict"],
                progress=self.progress if single else None,
                label=options["label"],
                title=options["title"],
                source_note=options["source_note"],
            )
        except StatuteSyntaxError as error:
            raise CommandError(f"{path}: {error}. Nothing was imported.") from None
        except MissingDate as error:
            raise CommandError(f"{path}: {error}; give --valid-from. Nothing was imported.") from None
        except EditionExists as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(f"  {summary}" if not single else str(summary)))
        for warning in summary.warnings:
            self.stdout.write(f"  warning: {warning}")
        for note in summary.unread_footnotes:
            self.stdout.write(
                f"  footnote on {note.target_eid or 'the law'} names no act it could read: {note.body[:100]}"
            )
        return Outcome(path, "imported", str(summary), len(summary.warnings))

    def print_outline(self, path, text, language):
        statute = parse_text(text, language, strict=self.options["strict"])
        adopted = statute.adopted
        self.stdout.write(f"{path} ({language}): {statute.title or '(no title)'}")
        self.stdout.write(
            f"  stated: {adopted.isoformat() if adopted else 'no date'}, {statute.number or 'no number'}; "
            f"{statute.count('section')} sections, {statute.count('chapter')} chapters, "
            f"{statute.count('article')} articles, {statute.count('attachment')} attachments, "
            f"{statute.provision_count} provisions, {statute.note_count} notes"
        )
        for line in statute.outline():
            self.stdout.write(f"    {line}")
        for warning in statute.warnings:
            self.stdout.write(f"  warning: {warning}")
        return Outcome(path, "checked", f"{statute.count('article')} articles", len(statute.warnings))

    def write_summary(self, outcomes):
        width = max(len(str(outcome.path)) for outcome in outcomes)
        self.stdout.write("")
        self.stdout.write(f"{'file':<{width}}  {'result':<8}  {'warnings':>8}  detail")
        for outcome in outcomes:
            detail = outcome.detail.removeprefix(f"{outcome.path}: ")
            self.stdout.write(f"{outcome.path!s:<{width}}  {outcome.result:<8}  {outcome.warnings:>8}  {detail}")
        done = sum(1 for outcome in outcomes if outcome.result != "failed")
        self.stdout.write(f"{done} of {len(outcomes)} files {self.verb}.")

    def progress(self, message):
        self.stdout.write(message)
        self.stdout.flush()


def slug_for(path):
    """A law's slug from its file name: "rus-3819.md" → "rus-3819"."""
    return slugify(path.stem)[:50] or "law"
