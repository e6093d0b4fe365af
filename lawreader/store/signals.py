"""What the store announces, so other parts (search) can follow without the store knowing them."""

from django.dispatch import Signal

# Sent inside the import's transaction once an edition's tree and imported notes are written. Argument: revision.
edition_stored = Signal()
# Sent by AnnotationQuerySet.update() and bulk_create(), which send no post_save. Argument: annotation_ids.
annotations_changed = Signal()
