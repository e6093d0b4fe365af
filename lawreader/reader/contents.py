"""Tables of contents as the pages show them: linked, with note counts, focused on where the reader is."""

from operator import attrgetter

from lawreader import vocabulary
from lawreader.store.outline import outline, walk, with_ancestors

# What a table of contents lists: the preamble, the divisions, the articles and the attachments.
CONTENTS_KINDS = frozenset({vocabulary.PREAMBLE, *vocabulary.HEADED_KINDS})


def link_toc(toc, href_for, note_counts):
    for node in walk(toc):
        node.href = href_for(node.provision.eid)
        node.note_count = note_counts.get(node.provision.eid, 0)


NEARBY_ARTICLES = 20


def focused_contents(rows, provision, ancestors):
    """The sidebar of a provision's page, from the contents' rows (ContentsEntry, in document order): every division
    (section, chapter, attachment), but only the articles of those the reader is in (or, in a law without
    divisions, the articles around this one). A code of a thousand articles stays a short page, and only what is
    shown is built; the contents page lists everything."""
    if any(row.kind in vocabulary.GROUPING_KINDS for row in rows):
        open_eids = {ancestor.eid for ancestor in ancestors} | {provision.eid}
        shown = [
            row
            for row, around in with_ancestors(rows, attrgetter("depth"))
            if row.kind in vocabulary.GROUPING_KINDS or not around or around[-1].eid in open_eids
        ]
        return outline(shown)
    # No divisions: every row stands at the top.
    article = next((a.eid for a in ancestors if a.kind == vocabulary.ARTICLE), provision.eid)
    index = next((i for i, row in enumerate(rows) if row.eid == article), 0)
    return outline(rows[max(0, index - NEARBY_ARTICLES) : index + NEARBY_ARTICLES + 1])


def neighbours(rows, eid):
    """The articles before and after `eid` in the contents' rows."""
    articles = [row for row in rows if row.kind == vocabulary.ARTICLE]
    index = next((i for i, article in enumerate(articles) if article.eid == eid), None)
    if index is None:
        return {"previous_article": None, "next_article": None}
    return {
        "previous_article": articles[index - 1] if index > 0 else None,
        "next_article": articles[index + 1] if index + 1 < len(articles) else None,
    }
