from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "lawreader.opendata"
    label = "opendata"
    verbose_name = "Open data"
