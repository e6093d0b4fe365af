from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the interface's translation catalogues (locale/*/LC_MESSAGES/django.po → .mo) in Python, so no "
        "gettext tools are needed. The .mo files are committed; a test checks they match their .po."
    )

    def handle(self, *args, **options):
        for path in catalogues():
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(f"Compiled {path.relative_to(settings.BASE_DIR)}")


def catalogues():
    return sorted(path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/django.po"))
