from django.apps import AppConfig


class CompareConfig(AppConfig):
    name = "lawreader.compare"
    label = "compare"
    verbose_name = "Comparison of editions"
