"""What refers to a provision: the provisions of the same edition whose text cites it or anything in it, read from
the `cited_by` the linker stored with each provision — no query of its own."""

from dataclasses import dataclass

from lawreader import vocabulary
from lawreader.annotate.rendering import provision_href
from lawreader.store.outline import walk


@dataclass
class Citer:
    eid: str
    name: str  # "Article 9-1, paragraph 1"
    href: str
    cites: list  # names of what it cites inside the page's provision ("item 2"), empty when the provision itself


def name_within(eid, own, language):
    """A provision's name where the page's own provision goes without saying: "item 2" on Article 6's page."""
    full, prefix = vocabulary.name(eid, language), vocabulary.name(own, language) + ", "
    return full[len(prefix) :] if full.startswith(prefix) else full


def citers(node, permalink_base, language_query, language):
    """Provisions outside `node` that refer to it or to its parts, in document order."""
    own = node.provision.eid
    cited = {}  # citing eid → the eids it cites here
    for current in walk([node]):
        for source in current.provision.cited_by:
            if not vocabulary.is_within(source, own):
                cited.setdefault(source, []).append(current.provision.eid)
    return [
        Citer(
            eid=source,
            name=vocabulary.name(source, language),
            href=provision_href(source, permalink_base, language_query),
            cites=[name_within(target, own, language) for target in targets if target != own],
        )
        for source, targets in sorted(cited.items(), key=lambda item: vocabulary.order_key(item[0]))
    ]
