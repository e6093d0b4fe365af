from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "lawreader.ingest"
    label = "ingest"
    verbose_name = "Import of statute texts"
