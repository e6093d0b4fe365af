from django.apps import AppConfig


class AnnotateConfig(AppConfig):
    name = "lawreader.annotate"
    label = "annotate"
    verbose_name = "Editorial annotations"
