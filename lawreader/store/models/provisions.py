"""The provision tree: one treebeard materialized-path tree per revision, its root the document."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lawreader.store.models.laws import Revision


class ProvisionKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    PREAMBLE = "preamble", _("preamble")
    CHAPTER = "chapter", _("chapter")
    ARTICLE = "article", _("article")
    PARAGRAPH = "paragraph", _("numbered part")
    SUBPARAGRAPH = "subparagraph", _("item")
    TEXT = "text", _("unnumbered paragraph")


class ProvisionQuerySet(MP_NodeQuerySet):
    def of_revision(self, revision):
        return self.filter(revision=revision)

    def articles(self):
        return self.filter(kind=ProvisionKind.ARTICLE)

    def table_of_contents(self, revision):
        """Chapters and articles only, in document order: what a table of contents needs."""
        return (
            self.of_revision(revision)
            .filter(kind__in=[ProvisionKind.PREAMBLE, ProvisionKind.CHAPTER, ProvisionKind.ARTICLE])
            .order_by("path")
        )


class ProvisionManager(MP_NodeManager):
    def get_queryset(self):
        return ProvisionQuerySet(self.model, using=self._db).order_by("path")

    def of_revision(self, revision):
        return self.get_queryset().of_revision(revision)

    def table_of_contents(self, revision):
        return self.get_queryset().table_of_contents(revision)

    def subtree(self, node):
        """The node and its descendants in document order, in one query."""
        return self.get_queryset().filter(revision_id=node.revision_id, path__startswith=node.path)


class Provision(MP_Node):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="provisions")
    kind = models.CharField(max_length=20, choices=ProvisionKind.choices)
    number = models.CharField(max_length=30, blank=True, help_text=_('As printed: "9-1", "20-1".'))
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    eid = models.CharField(max_length=200, help_text=_("Stable across editions, unique within a revision."))
    content_hash = models.CharField(max_length=32, help_text=_("Hash of this provision's text and its subtree."))

    objects = ProvisionManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["revision", "eid"], name="eid_unique_within_revision")]
        indexes = [models.Index(fields=["revision", "path"], name="provision_revision_path")]

    def __str__(self):
        return self.label or self.eid or "document"

    @property
    def label(self):
        """'Article 9-1', 'item 20-1)' — how a reader names the provision."""
        if self.kind == ProvisionKind.CHAPTER:
            return _("Chapter %(number)s") % {"number": self.number}
        if self.kind == ProvisionKind.ARTICLE:
            return _("Article %(number)s") % {"number": self.number}
        if self.kind == ProvisionKind.PARAGRAPH:
            return _("part %(number)s") % {"number": self.number}
        if self.kind == ProvisionKind.SUBPARAGRAPH:
            return _("item %(number)s") % {"number": self.number}
        if self.kind == ProvisionKind.PREAMBLE:
            return _("Preamble")
        if self.kind == ProvisionKind.TEXT:
            return _("paragraph")
        return ""
