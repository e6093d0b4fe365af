from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "lawreader.store"
    label = "store"
    verbose_name = "Statute store"
