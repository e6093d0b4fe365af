from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "lawreader.reader"
    label = "reader"
    verbose_name = "Reader"
