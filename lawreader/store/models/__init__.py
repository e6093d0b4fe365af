from lawreader.store.models.annotations import Annotation
from lawreader.store.models.laws import Law, Revision
from lawreader.store.models.provisions import Provision

__all__ = ["Annotation", "Law", "Provision", "Revision"]
