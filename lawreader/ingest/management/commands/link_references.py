from django.core.management.base import BaseCommand, CommandError

from lawreader.ingest.links import relink_law
from lawreader.store.models import Law


class Command(BaseCommand):
    help = (
        "Work out the references and defined terms of stored editions again: those linked by an older link finder, "
        "or with --all every edition. Imports link their editions themselves; this is for upgrades."
    )

    def add_arguments(self, parser):
        parser.add_argument("--law", help="Only this law (its slug).")
        parser.add_argument("--all", action="store_true", help="Every edition, not only the outdated ones.")

    def handle(self, *args, law=None, all=False, **options):
        laws = Law.objects.order_by("slug")
        if law:
            laws = laws.filter(slug=law)
            if not laws.exists():
                raise CommandError(f"No law {law!r}.")
        total = 0
        for each in laws:
            count = relink_law(each, outdated_only=not all)
            total += count
            if count:
                self.stdout.write(f"{each.slug}: {count} editions linked.")
        self.stdout.write(self.style.SUCCESS(f"{total} editions linked."))
