from lawreader.store.models.acts import AmendingAct, Effect
from lawreader.store.models.annotations import Annotation
from lawreader.store.models.laws import Law, Revision
from lawreader.store.models.links import LinkCorrection
from lawreader.store.models.provisions import Provision
from lawreader.store.models.versions import LawVersion, PublicVersion

__all__ = [
    "AmendingAct",
    "Annotation",
    "Effect",
    "Law",
    "LawVersion",
    "LinkCorrection",
    "Provision",
    "PublicVersion",
    "Revision",
]
