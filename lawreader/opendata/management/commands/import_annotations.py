import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lawreader.opendata.web_annotations import AnnotationFileError, import_collection
from lawreader.store.models import Law


def law_named(slug):
    law = Law.objects.filter(slug=slug).first()
    if law is None:
        raise CommandError(f"There is no law {slug!r}.")
    return law


class Command(BaseCommand):
    help = (
        "Import notes from a W3C Web Annotation collection (JSON-LD, as /laws/<slug>/annotations.jsonld serves "
        "them, from this site or another Lawreader) into a law, as drafts for an editor to publish: each to the "
        "edition its state names or the one in force that day, its quote found again in that wording. All of the "
        "file or none of it; notes already held are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--law", required=True, help="The slug of the law the notes are for.")

    def handle(self, *args, **options):
        law = law_named(options["law"])
        path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
        except ValueError as error:
            raise CommandError(f"{path}: not JSON ({error}).") from None
        try:
            report = import_collection(law, data)
        except AnnotationFileError as error:
            raise CommandError(f"{path}: {error}. Nothing was imported.") from None
        self.stdout.write(str(report))
