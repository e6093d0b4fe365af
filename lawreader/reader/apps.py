from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "lawreader.reader"
    label = "reader"
    verbose_name = "Reader"

    def ready(self):
        from lawreader.reader import signals  # noqa: F401  (retires cached pages when a law changes)
