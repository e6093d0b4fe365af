from django.core.management.base import BaseCommand
from django.db import transaction

from lawreader.search import index
from lawreader.search.models import SearchEntry
from lawreader.store.models import Revision


class Command(BaseCommand):
    help = "Rebuild the full-text index of every edition and published note."

    def handle(self, *args, **options):
        revisions = list(Revision.objects.select_related("law").order_by("law__slug", "language", "valid_from"))
        total = 0
        with transaction.atomic():
            index.unindex(SearchEntry.objects.all())
            for number, revision in enumerate(revisions, start=1):
                count = index.index_revision(revision)
                total += count
                self.stdout.write(f"[{number}/{len(revisions)}] {revision}: {count} entries")
                self.stdout.flush()
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} entries from {len(revisions)} editions."))
