from pathlib import Path
from urllib.parse import urljoin

from django.core.management.base import BaseCommand

from lawreader.opendata.management.commands.import_annotations import law_named
from lawreader.opendata.web_annotations import as_json, law_collection


class Command(BaseCommand):
    help = (
        "Write a law's published notes as a W3C Web Annotation collection (JSON-LD), as "
        "/laws/<slug>/annotations.jsonld serves them: to FILE, or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--law", required=True, help="The law's slug.")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000/",
            help="The site's address, for the notes' and provisions' addresses (default: what `make run` serves).",
        )

    def handle(self, *args, **options):
        law = law_named(options["law"])
        collection = law_collection(law, lambda path: urljoin(options["base_url"], path))
        if options["file"] is None:
            self.stdout.write(as_json(collection))
        else:
            options["file"].write_text(as_json(collection) + "\n", encoding="utf-8")
            self.stdout.write(f"{law.slug}: {collection['total']} notes written to {options['file']}.")
