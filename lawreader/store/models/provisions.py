"""The provision tree: one treebeard materialized-path tree per revision, its root the document."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lawreader import vocabulary
from lawreader.store.models.laws import Revision


class ProvisionKind(models.TextChoices):
    DOCUMENT = vocabulary.DOCUMENT, _("document")
    PREAMBLE = vocabulary.PREAMBLE, _("preamble")
    ATTACHMENT = vocabulary.ATTACHMENT, _("attachment")
    DIVISION = vocabulary.DIVISION, _("part of a code")
    SECTION = vocabulary.SECTION, _("section")
    SUBSECTION = vocabulary.SUBSECTION, _("subsection")
    CHAPTER = vocabulary.CHAPTER, _("chapter")
    SUBCHAPTER = vocabulary.SUBCHAPTER, _("subchapter")
    ARTICLE = vocabulary.ARTICLE, _("article")
    PARAGRAPH = vocabulary.PART, _("numbered part")
    SUBPARAGRAPH = vocabulary.ITEM, _("item")
    TEXT = vocabulary.TEXT, _("unnumbered paragraph")


class ProvisionQuerySet(MP_NodeQuerySet):
    def of_revision(self, revision):
        return self.filter(revision=revision)

    def articles(self):
        return self.filter(kind=ProvisionKind.ARTICLE)

    def cited_by(self, citation):
        """The provisions a citation names: its exact eid, else any that fits when the citer skipped a level
        ("Art. 9 item 3" for "Art. 9, part 2, item 3")."""
        exact = self.filter(eid=citation.eid())
        return exact if exact.exists() else self.filter(eid__regex=citation.eid_pattern())

    def rows(self):
        """The provisions as ProvisionRows: what a page of text needs, without building model instances (a whole
        edition of a large code is tens of thousands of them). The links come as text, decoded here only where
        there are any: most provisions have none, and a field converter per row costs a quarter of the reading."""
        fields = [name for name in ProvisionRow.FIELDS if name != "links"]
        values = self.annotate(links_text=Cast("links", models.TextField())).values_list(*fields, "links_text")
        return (ProvisionRow(*row[:-1], links=stored_links(row[-1])) for row in values.iterator(2000))

    def table_of_contents(self, revision):
        """Divisions, articles and attachments in document order, as ContentsEntry rows: what a table of contents
        needs."""
        rows = (
            self.of_revision(revision)
            .filter(kind__in=[vocabulary.PREAMBLE, *vocabulary.HEADED_KINDS])
            .order_by("path")
            .values_list("eid", "kind", "number", "heading", "depth", "path")
        )
        return [ContentsEntry(*row) for row in rows]


class ProvisionManager(MP_NodeManager):
    def get_queryset(self):
        return ProvisionQuerySet(self.model, using=self._db).order_by("path")

    def of_revision(self, revision):
        return self.get_queryset().of_revision(revision)

    def table_of_contents(self, revision):
        return self.get_queryset().table_of_contents(revision)

    def subtree_at(self, revision, eid):
        """The provision `eid` of `revision` and its descendants in document order, in one query (none when the
        edition has no such provision): `subtree` with the node's path read in the same statement."""
        path = Subquery(self.filter(revision=revision, eid=eid).values("path")[:1])
        highest = Concat(path, Value(Provision.alphabet[-1] * PATH_LENGTH), output_field=models.CharField())
        return self.get_queryset().filter(revision=revision, path__gte=path, path__lte=highest)

    def subtree(self, node):
        """The node and its descendants in document order, in one query."""
        return self.subtree_at_path(node.revision_id, node.path)

    def subtree_at_path(self, revision_id, path):
        """The provision at `path` in the edition `revision_id` and its descendants in document order: where the
        path is known (a node, a contents entry), a plain range, which costs less to build than subtree_at's.

        A range rather than `path__startswith`: SQLite cannot answer a case-insensitive LIKE from the index. Paths
        are digits and capital letters only, so every descendant's path lies between the node's own and the
        node's followed by Zs, under binary and linguistic collations alike.
        """
        highest = path + Provision.alphabet[-1] * (PATH_LENGTH - len(path))
        return self.get_queryset().filter(revision_id=revision_id, path__gte=path, path__lte=highest)


PATH_LENGTH = 255  # treebeard's MP_Node.path max_length


class Provision(MP_Node):
    # No index of its own: (revision, eid) and (revision, path) both lead with it, and beside a third PostgreSQL read
    # a whole edition through it and sorted 26,000 rows by path on disk rather than walk (revision, path) in order.
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="provisions", db_index=False)
    kind = models.CharField(max_length=20, choices=ProvisionKind.choices)
    number = models.CharField(max_length=30, blank=True, help_text=_('As printed: "9-1", "20-1".'))
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    eid = models.CharField(max_length=200, help_text=_("Stable across editions, unique within a revision."))
    content_hash = models.CharField(max_length=32, help_text=_("Hash of this provision's text and its subtree."))
    # Worked out once per edition when it is stored (ingest/linker.py), so a page reads them with the provision.
    links = models.JSONField(
        default=list, blank=True, help_text=_("References and defined terms in the text: [start, end, kind, eid].")
    )
    cited_by = models.JSONField(
        default=list, blank=True, help_text=_("The eids of the provisions of this edition that refer to this one.")
    )

    objects = ProvisionManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["revision", "eid"], name="eid_unique_within_revision")]
        indexes = [models.Index(fields=["revision", "path"], name="provision_revision_path")]

    def __str__(self):
        return self.label or self.eid or "document"

    @property
    def label(self):
        return provision_label(self.kind, self.number)


def interface_language():
    """The language pages are being written in, as the vocabulary names languages."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def provision_label(kind, number, language=None):
    """'Article 9-1', 'item 20-1' — how a reader names a provision, in the interface language (`language`, where the
    caller has asked for it already)."""
    return vocabulary.label(kind, number, language or interface_language())


def stored_links(text):
    """The links column as read in text: [] without decoding for the many provisions that have none."""
    return json.loads(text) if text and text != "[]" else []


class ProvisionRow:
    """A provision as a page of text reads it: plain fields, no model instance."""

    FIELDS = ("depth", "eid", "kind", "number", "heading", "text", "content_hash", "links")
    __slots__ = FIELDS

    def __init__(self, depth, eid, kind, number, heading, text, content_hash, links):
        self.depth = depth
        self.eid = eid
        self.kind = kind
        self.number = number
        self.heading = heading
        self.text = text
        self.links = links
        self.content_hash = content_hash

    @property
    def label(self):
        return provision_label(self.kind, self.number)


@dataclass(frozen=True)
class ContentsEntry:
    """A chapter or article as the table of contents needs it: a plain row, no model instance."""

    eid: str
    kind: str
    number: str
    heading: str
    depth: int
    path: str = ""  # where its subtree lies (Provision.objects.subtree_at_path); "" in contents cached without it

    @property
    def label(self):
        return provision_label(self.kind, self.number)
