"""A comparison as HTML, written in Python: each change with its badge, the acts that explain it, the old and new
wording word by word, the notes on it, and the unchanged provisions around it folded. A comparison of two editions
of a large code lays out thousands of provisions; as template includes that took seconds.

The comparison page (its view) and the history page (the `change` template tag) both write changes through this."""

from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape
from typing import NamedTuple

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lawreader import vocabulary
from lawreader.annotate.note_html import NotePlace, note_html
from lawreader.compare.diff import DELETE, INSERT
from lawreader.store.models.provisions import interface_language, provision_label
from lawreader.web.templatetags.law import run_summary


@dataclass
class Redline:
    """What every change on one page shares: the law, the two editions, the layout and language, and what explains
    each change (acts, notes)."""

    law: object
    newer: object
    language: str  # the law's text's language: headings are labelled as it prints them
    language_query: str = ""  # "&lang=ru": after the query that shows the full text
    full_text: str = ""  # where "Show the full text" leads, before the anchor: this comparison, unfolded
    older: object = None
    layout: str = "inline"
    fold_context: bool = True  # fold the unchanged provisions around a change (not when the full text is asked for)
    language_differences: set = field(default_factory=set)
    effects_by_eid: dict = field(default_factory=dict)
    notes_by_eid: dict = field(default_factory=dict)
    notes: NotePlace = None
    # Asked once for the page: a comparison of a large code names thousands of provisions in the interface language.
    interface_language: str = field(default_factory=interface_language)

    @property
    def words(self):
        return redline_words(self.interface_language)


class RedlineWords(NamedTuple):
    """The fixed words of a comparison in one interface language (redline_words)."""

    inserted: str
    deleted: str
    changed: str
    language_versions_differ: str
    show_full_text: str
    by: str


@cache
def redline_words(language):
    """The words every change writes, translated once per interface language (`language` keys the memo; the active
    language is what they are translated into)."""
    return RedlineWords(
        inserted=_("Inserted"),
        deleted=_("Deleted"),
        changed=_("Changed"),
        language_versions_differ=_("Changed: the language versions differ (not an amendment)"),
        show_full_text=escape(_("Show the full text")),
        by=escape(_("By")),
    )


@lru_cache(maxsize=1024)
def unchanged_summary(count, with_text, language):
    """The line that stands for `count` unchanged provisions, to be filled with their names; with their text under it
    (folded), or with a link to the full text. (`language` keys the memo, as for redline_words.)"""
    if with_text:
        return ngettext("%(names)s: unchanged", "%(counter)s unchanged provisions: %(names)s", count)
    return ngettext("%(names)s: unchanged.", "%(counter)s unchanged: %(names)s.", count)


def ops_html(ops, side=None):
    """Word operations: insertions in <ins>, deletions in <del>; one side of a side-by-side shows only its own."""
    out = []
    for op in ops:
        text = escape(op.text)
        if op.op == INSERT:
            if side != "old":
                out.append(f"<ins>{text}</ins>")
        elif op.op == DELETE:
            if side != "new":
                out.append(f"<del>{text}</del>")
        else:
            out.append(text)
    return "".join(out)


def version_html(node, change, redline, side=None):
    """One version of a provision (a DiffNode): its heading and number as its kind prints them, and its text — the
    change's word operations where there are some."""
    kind = node.kind
    heading_ops = change.heading_ops if change is not None else ()
    text_ops = change.text_ops if change is not None else ()
    out = ""
    if kind in vocabulary.UNNUMBERED_KINDS or kind in vocabulary.HEADED_KINDS:
        label = escape(vocabulary.label(kind, node.number, redline.language))
        heading = ops_html(heading_ops, side) if heading_ops else escape(node.heading)
        if kind in vocabulary.UNNUMBERED_KINDS:
            out = f'<p class="provision-heading">{heading if heading_ops or node.heading else label}</p>'
        else:
            out = f'<p class="provision-heading"><span class="provision-number">{label}.</span> {heading}</p>'
    if node.text or text_ops:
        number = ""
        if kind == vocabulary.PART:
            number = f'<span class="provision-number">{escape(node.number)}.</span> '
        elif kind == vocabulary.ITEM:
            number = f'<span class="provision-number">{escape(node.number)})</span> '
        text = ops_html(text_ops, side) if text_ops else escape(node.text)
        out += f'\n<p class="provision-text">{number}{text}</p>'
    return out


def plain_html(node, redline):
    """An unchanged provision and everything in it."""
    children = "".join(plain_html(child, redline) for child in node.children)
    return (
        f'<div class="provision provision--{node.kind}" id="{node.eid}" data-change="unchanged">\n  '
        f"{version_html(node, None, redline)}\n  {children}\n</div>\n"
    )


def unchanged_run_html(row, fold, redline):
    if row.with_text:
        plain = "".join(plain_html(node, redline) for node in row.nodes)
        if not fold:
            return plain
    count = len(row.nodes)
    summary = unchanged_summary(count, row.with_text, redline.interface_language)
    summary = escape(summary % {"counter": count, "names": run_summary(row.nodes, redline.interface_language)})
    if row.with_text:
        return f'<details class="unchanged-run"><summary>{summary}</summary>{plain}</details>\n'
    show_all = f"{redline.full_text}#{row.nodes[0].eid}"
    return f'<p class="unchanged-run">{summary} <a href="{show_all}">{redline.words.show_full_text}</a></p>\n'


def rows_html(rows, fold, redline):
    return "".join(
        change_html(row.view, redline) if row.kind == "change" else unchanged_run_html(row, fold, redline)
        for row in rows
    )


def badge_html(change, redline):
    status = change.status
    words = redline.words
    if status == "inserted":
        badge = words.inserted
    elif status == "deleted":
        badge = words.deleted
    elif status == "changed" and change.eid in redline.language_differences:
        badge = words.language_versions_differ
    elif status == "changed":
        badge = words.changed
    else:  # moved
        badge = _("Moved: %(old)s became %(new)s") % {
            "old": provision_label(change.old.kind, change.old.number, redline.interface_language),
            "new": provision_label(change.new.kind, change.new.number, redline.interface_language),
        }
    if change.renumbered and status != "moved":
        badge += " " + _("(renumbered %(old)s → %(new)s)") % {"old": change.old.number, "new": change.new.number}
    return f'\n  <p class="change-badge">\n    {escape(badge)}\n  </p>\n'


def acts_html(effects, redline):
    """ "By Law No. 185-V of 7 April 2014 (inserted; in force …)": the acts the footnotes say made the change."""
    query = f"?{redline.language_query[1:]}" if redline.language_query else ""
    links = []
    for effect in effects:
        act = effect.act
        href = reverse("compare:amending_act", args=[redline.law.slug, act.pk]) + query
        name = escape(_("Law %(act)s") % {"act": act})
        links.append(
            f'<a href="{href}">{name}</a> ({escape(str(effect.get_action_display()))}; '
            f"{escape(str(act.entry_into_force))})"
        )
    return f'<p class="change-acts">{redline.words.by} {"; ".join(links)}</p>'


def changed_articles_html(changes):
    """The sidebar's list of changed articles, each linked to its change, with what happened to it."""
    within = escape(_("changes within"))
    language = interface_language()
    items = []
    for change in changes:
        node = change.new or change.old
        heading = f". {escape(node.heading)}" if node.heading else ""
        if change.status == "unchanged":
            tag = f'<span class="change-tag change-tag--changed">{within}</span>'
        else:
            tag = f'<span class="change-tag change-tag--{change.status}">{change.status}</span>'
        label = escape(provision_label(node.kind, node.number, language))
        items.append(f'<li><a href="#{escape(change.eid)}">{label}{heading}</a> {tag}</li>')
    return "".join(items)


def change_html(view, redline):
    """A change (presentation.ChangeView) and the rows below it, unchanged ones folded as the page asks."""
    change = view.change
    status = change.status
    out = [
        f'\n<div class="change provision provision--{change.kind} change--{status}" id="{change.eid}" '
        f'data-change="{status}">\n'
    ]
    if status != "unchanged":
        out.append(badge_html(change, redline))
    if change.has_changes and redline.effects_by_eid.get(change.eid):
        out.append(acts_html(redline.effects_by_eid[change.eid], redline))
    if status == "unchanged":
        out.append(version_html(change.new, change, redline))
    elif redline.layout == "side" and change.old is not None and change.new is not None:
        older = escape(date_format(redline.older.valid_from, "j M Y"))
        newer = escape(date_format(redline.newer.valid_from, "j M Y"))
        out.append(
            '\n    <div class="side-by-side">\n'
            f'      <div class="side-old"><p class="side-label">{older}</p>'
            f"{version_html(change.old, change, redline, 'old')}</div>\n"
            f'      <div class="side-new"><p class="side-label">{newer}</p>'
            f"{version_html(change.new, change, redline, 'new')}</div>\n    </div>\n"
        )
    elif status == "deleted":
        out.append(f'<del class="whole">{version_html(change.old, change, redline)}</del>')
    elif status == "inserted":
        out.append(f'<ins class="whole">{version_html(change.new, change, redline)}</ins>')
    else:
        out.append(version_html(change.new, change, redline))
    out.extend(note_html(note, redline.notes) for note in redline.notes_by_eid.get(change.eid, ()))
    out.append(rows_html(view.rows, redline.fold_context, redline))
    out.append("\n</div>\n")
    return "".join(out)
