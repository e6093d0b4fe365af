from django.core.management.base import BaseCommand, CommandError

from lawreader.ingest.bundled import ManifestError, load_law, manifests
from lawreader.ingest.parser import StatuteSyntaxError


class Command(BaseCommand):
    help = "Load every law bundled in fixtures/ (idempotent: unchanged editions are left alone)."

    def handle(self, *args, **options):
        paths = manifests()
        if not paths:
            self.stdout.write("No bundled laws in fixtures/.")
            return
        for path in paths:
            try:
                report = load_law(path, progress=self.progress)
            except (ManifestError, StatuteSyntaxError, OSError, ValueError) as error:
                raise CommandError(f"{path.parent.name}: {error} Nothing of this law was loaded.") from None
            self.stdout.write(self.style.SUCCESS(str(report)))

    def progress(self, message):
        self.stdout.write(message)
        self.stdout.flush()
