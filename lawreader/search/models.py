"""One row per searchable thing: a provision of an edition, or a published note. Each backend keeps its own
full-text structure beside this table (a tsvector column on PostgreSQL, an FTS5 table on SQLite)."""

from django.db import models

from lawreader.store.models import Annotation, Law, Revision


class SearchEntry(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    annotation = models.ForeignKey(Annotation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    eid = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)  # the provision's kind, or "annotation"
    language = models.CharField(max_length=2)
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    breadcrumb = models.CharField(max_length=500, blank=True)  # "Chapter 2 › Article 9 › item 20-1"

    class Meta:
        indexes = [
            models.Index(fields=["revision", "language"], name="search_entry_revision"),
            models.Index(fields=["law", "eid"], name="search_entry_law_eid"),
        ]

    def __str__(self):
        return f"{self.breadcrumb or self.eid} ({self.revision_id})"
