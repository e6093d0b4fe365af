from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StoreConfig(AppConfig):
    name = "lawreader.store"
    label = "store"
    verbose_name = "Statute store"

    def ready(self):
        post_migrate.connect(install_version_triggers, sender=self)


def install_version_triggers(sender, using, **kwargs):
    """After every migrate: the triggers that count public changes (see store/triggers.py)."""
    from lawreader.store import triggers

    triggers.install(using)
