from lawreader.store.models.annotations import Annotation
from lawreader.store.models.laws import Law, Revision
from lawreader.store.models.provisions import Provision
from lawreader.store.models.versions import LawVersion, PublicVersion

__all__ = ["Annotation", "Law", "LawVersion", "Provision", "PublicVersion", "Revision"]
