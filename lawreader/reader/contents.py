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


class Contents:
    """An edition's contents rows (ContentsEntry, in document order) with what its pages look up in them worked out
    once, when they are cached (editions.edition_contents): every article page of a large code asks again."""

    def __init__(self, rows):
        self.rows = rows
        self.parents = [
            around[-1].eid if around else None for _row, around in with_ancestors(rows, attrgetter("depth"))
        ]
        self.position = {row.eid: index for index, row in enumerate(rows)}
        self.articles = [row for row in rows if row.kind == vocabulary.ARTICLE]
        self.article_position = {article.eid: index for index, article in enumerate(self.articles)}
        self.has_groupings = any(row.kind in vocabulary.GROUPING_KINDS for row in rows)

    def ancestors(self, eid):
        """The rows `eid`'s row sits in, outermost first."""
        chain, parent = [], self.parents[self.position[eid]]
        while parent is not None:
            index = self.position[parent]
            chain.append(self.rows[index])
            parent = self.parents[index]
        return chain[::-1]


def focused_contents(contents, provision, ancestors):
    """The sidebar of a provision's page: every division (section, chapter, attachment), but only the articles of
    those the reader is in (or, in a law without divisions, the articles around this one). A code of a thousand
    articles stays a short page, and only what is shown is built; the contents page lists everything."""
    if contents.has_groupings:
        open_eids = {ancestor.eid for ancestor in ancestors} | {provision.eid}
        shown = [
            row
            for row, parent in zip(contents.rows, contents.parents, strict=True)
            if row.kind in vocabulary.GROUPING_KINDS or parent is None or parent in open_eids
        ]
        return outline(shown)
    # No divisions: every row stands at the top.
    article = next((a.eid for a in ancestors if a.kind == vocabulary.ARTICLE), provision.eid)
    index = contents.position.get(article, 0)
    return outline(contents.rows[max(0, index - NEARBY_ARTICLES) : index + NEARBY_ARTICLES + 1])


def neighbours(contents, eid):
    """The articles before and after `eid`."""
    index = contents.article_position.get(eid)
    if index is None:
        return {"previous_article": None, "next_article": None}
    articles = contents.articles
    return {
        "previous_article": articles[index - 1] if index > 0 else None,
        "next_article": articles[index + 1] if index + 1 < len(articles) else None,
    }
