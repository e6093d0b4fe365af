from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "lawreader.bench"
    label = "bench"
    verbose_name = "Benchmarks"
