"""What readers can see of a law, as one number that only ever goes up.

`LawVersion` rows are written by database triggers (store/triggers.py), never by Django: every write that can
change a law's public content — a published edition, its provisions, a published note, the law itself — moves
the counter in the same transaction, whichever way it was made (model save, QuerySet.update(), bulk_create(),
raw SQL in a shell). Drafts and unpublished editions do not move it. Caches key on it.
"""

from dataclasses import dataclass

from django.db import models

from lawreader.store.models.laws import Law


@dataclass(frozen=True)
class PublicVersion:
    law_id: int
    version: int
    changed_at: float  # a POSIX timestamp: when the public content last changed


class LawVersionQuerySet(models.QuerySet):
    def of_slug(self, slug):
        """The law's PublicVersion, or None when there is no such law. One query."""
        row = self.filter(law__slug=slug).values_list("law_id", "version", "changed_at").first()
        return PublicVersion(row[0], row[1], row[2].timestamp()) if row else None

    def of_library(self):
        """A token that changes whenever any law's public content does, and when a law is added or removed: how
        many laws there are, their versions added up (each only goes up) and the latest change. One query."""
        laws = self.aggregate(count=models.Count("pk"), versions=models.Sum("version"), latest=models.Max("changed_at"))
        latest = laws["latest"].timestamp() if laws["latest"] else 0
        return f"{laws['count']}.{laws['versions'] or 0}.{latest}"


class LawVersion(models.Model):
    law = models.OneToOneField(Law, on_delete=models.CASCADE, primary_key=True, related_name="public_version")
    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField()

    objects = LawVersionQuerySet.as_manager()

    def __str__(self):
        return f"{self.law_id} v{self.version}"
