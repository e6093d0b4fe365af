"""python manage.py export_library DIR: every published edition of every law as Akoma Ntoso and as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from lawreader import frbr
from lawreader.opendata.akn import edition_document
from lawreader.opendata.api import edition_text_data
from lawreader.store.models import Law
from lawreader.store.timeline import Timeline


class Command(BaseCommand):
    help = (
        "Write every published edition of every law into DIR: DIR/<law>/<lang>@<date>.akn.xml (Akoma Ntoso 3.0) and "
        "DIR/<law>/<lang>@<date>.json (the API's text of the edition), and DIR/index.json listing them."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--law", help="Only this law (its slug).")
        parser.add_argument(
            "--base-url", default="", help="Where the site is served, for the links in the JSON (e.g. https://…)."
        )
        parser.add_argument("--notes", action="store_true", help="Add the published notes to the Akoma Ntoso.")

    def handle(self, *args, directory, law, base_url, notes, **options):
        laws = Law.objects.order_by("slug")
        if law:
            laws = laws.filter(slug=law)
            if not laws.exists():
                raise CommandError(f"There is no law {law!r}.")
        base = base_url.rstrip("/")
        index = []
        for found in laws:
            for language in Timeline.of(found, found.default_language).languages:
                timeline = Timeline.of(found, language)
                for revision in timeline.revisions:
                    index.append(self.export(directory, found, timeline, revision, base, notes))
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(self.style.SUCCESS(f"{len(index)} editions written to {directory}"))

    def export(self, directory, law, timeline, revision, base, notes):
        folder = directory / law.slug
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{frbr.LANGUAGE_CODES_3[revision.language]}@{revision.valid_from:%Y-%m-%d}"
        (folder / f"{name}.akn.xml").write_bytes(edition_document(revision, with_notes=notes))
        data = edition_text_data(revision, timeline, lambda path: base + path)
        (folder / f"{name}.json").write_text(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n")
        self.stdout.write(f"  {law.slug} {name}")
        self.stdout.flush()
        return {
            "law": law.slug,
            "language": revision.language,
            "valid_from": revision.valid_from.isoformat(),
            "expression": revision.expression_uri,
            "akn": f"{law.slug}/{name}.akn.xml",
            "json": f"{law.slug}/{name}.json",
        }
