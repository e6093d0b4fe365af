"""Cached pages of a law are retired whenever its editions or notes change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lawreader.reader.caching import forget_law
from lawreader.store.models import Annotation, Law, Revision
from lawreader.store.signals import annotations_changed, edition_stored


@receiver([post_save, post_delete], sender=Annotation)
@receiver([post_save, post_delete], sender=Revision)
def forget_changed_law(sender, instance, **kwargs):
    slug = Law.objects.filter(pk=instance.law_id).values_list("slug", flat=True).first()
    if slug:
        forget_law(slug)


@receiver(edition_stored)
def forget_law_of_stored_edition(sender, revision, **kwargs):
    forget_law(revision.law.slug)


@receiver(annotations_changed)
def forget_laws_of_changed_notes(sender, annotation_ids, **kwargs):
    for slug in set(Annotation.objects.filter(pk__in=annotation_ids).values_list("law__slug", flat=True)):
        forget_law(slug)


@receiver(post_save, sender=Law)
def forget_saved_law(sender, instance, **kwargs):
    forget_law(instance.slug)
