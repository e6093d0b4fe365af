import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("store", "0002_annotation_quotes_author_version")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("eid", models.CharField(max_length=200)),
                ("kind", models.CharField(max_length=20)),
                ("language", models.CharField(max_length=2)),
                ("heading", models.CharField(blank=True, max_length=500)),
                ("text", models.TextField(blank=True)),
                ("breadcrumb", models.CharField(blank=True, max_length=500)),
                ("content_hash", models.CharField(blank=True, max_length=32)),
                ("path", models.CharField(blank=True, max_length=255)),
                (
                    "annotation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="store.annotation",
                    ),
                ),
                (
                    "law",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="store.law"),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="store.revision"
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["revision", "language"], name="search_entry_revision"),
                    models.Index(fields=["law", "eid"], name="search_entry_law_eid"),
                ]
            },
        ),
    ]
