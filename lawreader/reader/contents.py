"""Tables of contents as the pages show them: linked, with note counts, focused on where the reader is."""

from lawreader import vocabulary
from lawreader.store.outline import walk

# What a table of contents lists: the preamble, the divisions, the articles and the attachments.
CONTENTS_KINDS = frozenset({vocabulary.PREAMBLE, *vocabulary.HEADED_KINDS})


def link_toc(toc, href_for, note_counts):
    for node in walk(toc):
        node.href = href_for(node.provision.eid)
        node.note_count = note_counts.get(node.provision.eid, 0)


NEARBY_ARTICLES = 20


def focused_contents(toc, provision, ancestors):
    """The sidebar of a provision's page: every division (section, chapter, attachment), but only the articles
    of those the reader is in (or, in a law without divisions, the articles around this one). A code of a
    thousand articles stays a short page; the contents page lists everything."""
    if any(node.provision.kind in vocabulary.GROUPING_KINDS for node in toc):
        open_eids = {ancestor.eid for ancestor in ancestors} | {provision.eid}
        for node in walk(toc):
            if node.provision.kind in vocabulary.GROUPING_KINDS and node.provision.eid not in open_eids:
                node.children = [child for child in node.children if child.provision.kind in vocabulary.GROUPING_KINDS]
        return toc
    article = next((a.eid for a in ancestors if a.kind == vocabulary.ARTICLE), provision.eid)
    index = next((i for i, node in enumerate(toc) if node.provision.eid == article), 0)
    return toc[max(0, index - NEARBY_ARTICLES) : index + NEARBY_ARTICLES + 1]


def neighbours(toc, eid):
    """The articles before and after `eid` in the table of contents."""
    articles = [node.provision for node in walk(toc) if node.provision.kind == vocabulary.ARTICLE]
    eids = [article.eid for article in articles]
    if eid not in eids:
        return {"previous_article": None, "next_article": None}
    index = eids.index(eid)
    return {
        "previous_article": articles[index - 1] if index > 0 else None,
        "next_article": articles[index + 1] if index + 1 < len(articles) else None,
    }
