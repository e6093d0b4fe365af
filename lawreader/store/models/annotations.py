"""Notes attached to a provision by its eid, so they follow the provision into every edition."""

import functools

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lawreader.store.models.laws import Law, Revision
from lawreader.store.signals import annotations_changed


class AnnotationKind(models.TextChoices):
    AMENDMENT = "amendment", _("Amendment note")
    COMMENTARY = "commentary", _("Commentary")
    CROSS_REFERENCE = "cross_reference", _("Cross-reference")
    DEFINITION = "definition", _("Definition")
    EDITORIAL = "editorial", _("Editorial note")
    PRACTICE = "practice", _("Practice note")
    TRANSLATION = "translation", _("Translator's note")


@functools.cache
def kind_names(language):
    """{kind: its name} in `language` (the active one): pages name thousands of notes' kinds, and Django's
    get_kind_display() translates every choice each time."""
    return {kind: str(name) for kind, name in AnnotationKind.choices}


def kind_name(kind):
    return kind_names(get_language())[kind]


class AnnotationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnnotationSource(models.TextChoices):
    IMPORT = "import", _("Imported with the official text")
    FIXTURE = "fixture", _("Bundled with Lawreader")
    EDITOR = "editor", _("Written by an editor")


FIELDS_DISPLAYED = (
    "target_eid",
    "kind",
    "title",
    "body",
    "status",
    "position",
    "quote_exact",
    "quote_prefix",
    "quote_suffix",
    "quote_start",
    "content_hash",
    "revision",
)


def sees_drafts(user):
    """Drafts are for staff only."""
    return user is not None and user.is_active and user.is_staff


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AnnotationStatus.PUBLISHED)

    def for_display(self):
        """What a note beside the text shows and is placed by: a whole edition of a large code shows thousands of
        notes, and their bookkeeping (authors, timestamps, digests) would double the cost of reading them."""
        return self.only(*FIELDS_DISPLAYED)

    def visible_to(self, user):
        return self if sees_drafts(user) else self.published()

    # Bulk writes send no post_save; they announce the notes they touched, so what follows the store (the search
    # index) follows these too. (What readers see needs no announcement: see models/versions.py.)
    def update(self, **kwargs):
        changed_ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        announce(changed_ids)
        return count

    def bulk_create(self, objs, *args, announce_changes=True, **kwargs):
        """`announce_changes=False` for a caller that announces more than these notes itself (an import)."""
        created = super().bulk_create(objs, *args, **kwargs)
        if announce_changes:
            announce([note.pk for note in created if note.pk])
        return created


def announce(annotation_ids):
    if annotation_ids:
        annotations_changed.send(sender=Annotation, annotation_ids=annotation_ids)


class Annotation(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="annotations")
    revision = models.ForeignKey(
        Revision,
        on_delete=models.CASCADE,
        related_name="annotations",
        help_text=_("The edition the annotation was written against."),
    )
    target_eid = models.CharField(
        max_length=200, blank=True, help_text=_("The provision's eid; empty for the whole document.")
    )
    kind = models.CharField(max_length=20, choices=AnnotationKind.choices)
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text=_("Markdown."))
    status = models.CharField(max_length=10, choices=AnnotationStatus.choices, default=AnnotationStatus.DRAFT)
    source = models.CharField(max_length=10, choices=AnnotationSource.choices, default=AnnotationSource.EDITOR)
    position = models.PositiveIntegerField(default=0, help_text=_("Order among the notes on the same provision."))
    # A quoted span, as W3C Web Annotation selectors: the words, a little context, and where they started.
    quote_exact = models.TextField(
        _("quoted words"), blank=True, help_text=_("Optional: words of the provision the note is about.")
    )
    quote_prefix = models.CharField(max_length=64, blank=True)
    quote_suffix = models.CharField(max_length=64, blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    content_hash = models.CharField(
        max_length=32,
        blank=True,
        help_text=_("The provision's content hash when the note was written: a change means the wording moved on."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    fixture_digest = models.CharField(
        max_length=64,
        blank=True,
        help_text=_(
            "For a bundled note: the digest of what the loader last wrote, so a reload can tell it is untouched."
        ),
    )
    version = models.PositiveIntegerField(
        default=1, help_text=_("Goes up by one on every save; guards against lost updates.")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["target_eid", "position", "id"]
        indexes = [models.Index(fields=["law", "target_eid"], name="annotation_law_target")]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} on {self.target_eid or 'the document'}"
