"""What the reader's pages need from the store, in a fixed number of queries whatever the law's size."""

from django.utils.translation import gettext as _

from lawreader.annotate.display import decorate
from lawreader.annotate.note_html import note_html
from lawreader.annotate.visibility import notes_for
from lawreader.reader.contents import Contents
from lawreader.reader.text_html import provision_html
from lawreader.store.amendments import effects_of
from lawreader.store.models import Provision
from lawreader.store.models.provisions import ProvisionKind
from lawreader.store.outline import outline
from lawreader.web.editions import EditionNotFound, eid_missing
from lawreader.web.page_cache import cached_for_law


class EditionText:
    """An edition's full text as HTML chunks, read and written one top-level unit (a chapter and everything in it)
    at a time, so the page streams while the rest is read: one query for the notes, one for the provisions.
    `terms` holds, once the chunks are spent, the definitions the text's terms link to."""

    def __init__(self, revision, user, kinds, page):
        self.revision = revision
        self.user = user
        self.kinds = kinds
        self.page = page
        self.notes = {}
        self.terms = set()

    def chunks(self):
        self.notes = notes_for(self.revision, None, self.user, self.kinds)
        rows = Provision.objects.of_revision(self.revision).rows()
        document = next(rows, None)
        if document is None:
            return
        yield self.document_notes(document)
        unit = []
        for row in rows:
            if row.depth == document.depth + 1 and unit:
                yield self.unit_html(unit)
                unit = []
            unit.append(row)
        if unit:
            yield self.unit_html(unit)

    def document_notes(self, document):
        """Notes on the law as a whole, before its text."""
        node = outline([document], self.notes)[0]
        decorate(node, self.revision, self.page.permalink_base, self.page.language_query)
        return "".join(note_html(view, self.page.notes) for view in node.display.notes)

    def unit_html(self, rows):
        node = outline(rows, self.notes)[0]
        self.terms |= decorate(node, self.revision, self.page.permalink_base, self.page.language_query)
        return provision_html(node, self.page)


def has_text(revision):
    if not Provision.objects.of_revision(revision).exists():
        raise EditionNotFound(_("This edition has no text yet."))


def law_effects(law):
    """The law's amending acts' effects, cached until its public content changes."""
    return cached_for_law(law.slug, "effects", lambda: effects_of(law.pk))


def edition_contents(revision):
    """The edition's contents (reader.contents.Contents), cached until the law's public content changes."""
    return cached_for_law(
        revision.law.slug, f"contents:{revision.pk}", lambda: Contents(Provision.objects.table_of_contents(revision))
    )


def table_of_contents(revision):
    return outline(edition_contents(revision).rows)


def provision_page(revision, eid, date, contents):
    """A provision's subtree (its rows, the provision first) and its ancestors (for breadcrumbs), or
    EditionNotFound. One query for a chapter or an article, whose ancestors the contents know; two for a part or
    an item."""
    listed = eid in contents.position  # a chapter or an article: the contents know its path and its ancestors
    path = contents.rows[contents.position[eid]].path if listed else ""
    rows = Provision.objects.subtree_at_path(revision.pk, path) if path else Provision.objects.subtree_at(revision, eid)
    subtree = list(rows)
    if not subtree or subtree[0].kind == ProvisionKind.DOCUMENT:
        raise eid_missing(revision, eid, date)
    provision = subtree[0]
    if listed:
        return contents.ancestors(eid), subtree
    paths = [provision.path[:i] for i in range(Provision.steplen, len(provision.path), Provision.steplen)]
    return list(Provision.objects.of_revision(revision).filter(path__in=paths, depth__gt=1)), subtree


def provision_tree(revision, subtree, user, kinds=None):
    """The provision's subtree as an outline with the notes the reader sees beside it."""
    notes = notes_for(revision, [p.eid for p in subtree], user, kinds)
    return outline(subtree, notes, top_heading_level=1)[0]
