"""The index follows the store: imports, note edits, deletions."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from lawreader.search import index
from lawreader.search.models import SearchEntry
from lawreader.store.models import Annotation, Revision
from lawreader.store.signals import annotations_changed, edition_stored


@receiver(edition_stored)
def index_stored_edition(sender, revision, **kwargs):
    index.index_revision(revision)


@receiver(post_save, sender=Annotation)
def index_saved_note(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_annotations([instance.pk])


@receiver(annotations_changed)
def index_changed_notes(sender, annotation_ids, **kwargs):
    index.index_annotations(annotation_ids)


@receiver(pre_delete, sender=Annotation)
def unindex_deleted_note(sender, instance, **kwargs):
    index.unindex(SearchEntry.objects.filter(annotation_id=instance.pk))


@receiver(pre_delete, sender=Revision)
def unindex_deleted_revision(sender, instance, **kwargs):
    index.unindex(SearchEntry.objects.filter(revision_id=instance.pk))
