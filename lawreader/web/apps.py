from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lawreader.web"
    label = "web"
    verbose_name = "Web: page cache, request guards, interface language"

    def ready(self):
        from lawreader.web import signals  # noqa: F401  (login records; in-process freshness)
