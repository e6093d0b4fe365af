from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "lawreader.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from lawreader.search import signals  # noqa: F401  (connects the index to imports and annotation edits)
