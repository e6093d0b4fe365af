import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from lawreader.ingest.importer import EditionExists, import_statute, law_for_import
from lawreader.ingest.parser import StatuteSyntaxError
from lawreader.ingest.sources import read_source
from lawreader.store.models.laws import LANGUAGES


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--valid-from {value!r} is not a date in the form YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Import one edition of a statute from an official text (plain text or Markdown export)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--law", required=True, help="The law's slug; created if it does not exist.")
        parser.add_argument("--language", required=True, choices=[code for code, _ in LANGUAGES])
        parser.add_argument("--valid-from", required=True, help="YYYY-MM-DD: the date this edition takes effect.")
        parser.add_argument("--label", default="", help="How the edition is named, e.g. 'as amended on 7 April 2014'.")
        parser.add_argument("--title", default="", help="The law's title (for a new law) and this edition's.")
        parser.add_argument("--source-note", default="", help="Where the text comes from.")
        parser.add_argument("--replace", action="store_true", help="Replace the edition if it already exists.")

    def handle(self, *args, **options):
        try:
            validate_slug(options["law"])
        except ValidationError:
            raise CommandError(f"--law {options['law']!r} is not a valid slug (letters, digits, - and _).") from None
        valid_from = iso_date(options["valid_from"])
        text = read_source(options["file"])
        language = options["language"]
        self.progress(f"Reading {options['file']}…")
        try:
            summary = import_statute(
                text,
                law=law_for_import(options["law"], options["title"], language),
                language=language,
                valid_from=valid_from,
                replace=options["replace"],
                progress=self.progress,
                label=options["label"],
                title=options["title"],
                source_note=options["source_note"],
            )
        except StatuteSyntaxError as error:
            raise CommandError(f"{options['file']}: {error}. Nothing was imported.") from None
        except EditionExists as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(str(summary)))

    def progress(self, message):
        self.stdout.write(message)
        self.stdout.flush()
