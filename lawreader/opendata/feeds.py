"""Atom feeds: a law's changes (its editions, the acts that amended it, its published notes), one provision's
changes, and the notes newly published across the library. Each entry links to what shows it: the comparison with
the edition before, the act's effects, the note beside its provision."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.annotate.rendering import plain_text
from lawreader.compare.editions import provision_history
from lawreader.store.amendments import acts_of
from lawreader.store.models import Annotation, Law
from lawreader.store.models.laws import LANGUAGE_CODES
from lawreader.store.timeline import Timeline
from lawreader.web.editions import EditionNotFound, language_query, long_date, place_url, requested_language
from lawreader.web.page_cache import cached_law_page

ENTRIES = 50  # notes per feed: a reader polls, and finds everything since last time near the top


def midnight(date):
    """A day as the moment a feed entry needs (the law's days begin in the site's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


@dataclass
class Entry:
    """One entry, whatever it reports: an edition, an act, a note, a change to a provision."""

    key: str  # unique within the feed: "edition-4", "note-12-3" (a note's entries change with its version)
    title: str
    link: str
    published: datetime.datetime
    summary: str
    updated: datetime.datetime | None = None

    def __post_init__(self):
        self.updated = self.updated or self.published


@dataclass
class Subject:
    """What a feed is about, worked out per request (feed views are shared by every thread: no state on them)."""

    request: object
    law: Law | None = None
    timeline: Timeline | None = None
    eid: str = ""
    history: list = field(default_factory=list)

    def entry_id(self, entry):
        """Atom ids are absolute IRIs that never change: the feed's own address and the entry's key."""
        return self.request.build_absolute_uri(f"{self.request.path}#{entry.key}")


def published_notes():
    """Notes any reader may see, in published editions: the same rule as every page (drafts never)."""
    return Annotation.objects.visible_to(AnonymousUser()).filter(revision__published=True)


def note_entry(note):
    where = vocabulary.citation(note.target_eid) if note.target_eid else note.law.short_title
    title = note.title or note.get_kind_display()
    return Entry(
        f"note-{note.pk}-{note.version}",
        _("%(where)s — %(title)s") % {"where": where, "title": title},
        place_url(note.revision, note.target_eid, f"note-{note.pk}"),
        note.created,
        plain_text(note.body),
        note.updated,
    )


class EntryFeed(Feed):
    """What every feed here shares: Atom, entries given as Entry."""

    feed_type = Atom1Feed

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.summary

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_guid(self, entry):
        return entry.guid

    def item_guid_is_permalink(self, entry):
        return False


class LawChangesFeed(EntryFeed):
    """A law's new editions (each linked to its comparison with the edition before), the acts that amended it (each
    linked to its effects), and its published notes, newest first."""

    def get_object(self, request, slug):
        law = get_object_or_404(Law, slug=slug)
        return Subject(request, law, Timeline.of(law, requested_language(request, law)))

    def title(self, subject):
        return _("%(law)s: changes") % {"law": subject.law.short_title or subject.law.title}

    def link(self, subject):
        return subject.law.get_absolute_url()

    def subtitle(self, subject):
        return _("New editions, the acts that amended it, and notes published on it.")

    def items(self, subject):
        law, timeline = subject.law, subject.timeline
        query = language_query(timeline.language, law)
        entries = []
        for revision in timeline.revisions:
            before = timeline.previous(revision)
            if before is None:
                link = reverse("reader:edition", args=[law.slug, revision.valid_from]) + query
                title = _("First edition, in force from %(date)s") % {"date": long_date(revision.valid_from)}
            else:
                link = reverse("compare:editions", args=[law.slug, before.valid_from, revision.valid_from]) + query
                title = _("New edition in force from %(date)s") % {"date": long_date(revision.valid_from)}
            summary = "\n".join([revision.label, *revision.amending_acts, revision.in_force_basis]).strip()
            entries.append(
                Entry(
                    f"edition-{revision.pk}", title, link, midnight(revision.valid_from), summary, revision.imported_at
                )
            )
        for act in acts_of(law):
            effects = ", ".join(
                f"{vocabulary.citation(e.target_eid)} {e.get_action_display()}" for e in act.effects.all()
            )
            entries.append(
                Entry(
                    f"act-{act.pk}",
                    _("Amended by %(act)s") % {"act": act},
                    reverse("compare:amending_act", args=[law.slug, act.pk]) + query,
                    midnight(act.adopted_on),
                    f"{act.entry_into_force}. {effects}",
                )
            )
        notes = published_notes().filter(law=law).select_related("revision__law", "law").order_by("-updated")
        entries += [note_entry(note) for note in notes[:ENTRIES]]
        # Every edition and act (a law has few), and the latest notes (it may have thousands).
        return identified(subject, sorted(entries, key=lambda entry: entry.updated, reverse=True))


class ProvisionChangesFeed(EntryFeed):
    """One provision through the law's editions: when it appeared, each change (linked to the comparison that shows
    it), its removal."""

    def get_object(self, request, slug, eid):
        law = get_object_or_404(Law, slug=slug)
        try:
            timeline, history = provision_history(law, eid, requested_language(request, law))
        except EditionNotFound as error:
            raise Http404(error.message) from None
        return Subject(request, law, timeline, eid, history)

    def title(self, subject):
        return _("%(provision)s of %(law)s: changes") % {
            "provision": vocabulary.name(subject.eid),
            "law": subject.law.short_title or subject.law.title,
        }

    def link(self, subject):
        law = subject.law
        return reverse("compare:history", args=[law.slug, subject.eid]) + language_query(subject.timeline.language, law)

    def subtitle(self, subject):
        return _("Each edition that changed it, with the comparison that shows what changed.")

    def items(self, subject):
        law, eid = subject.law, subject.eid
        query = language_query(subject.timeline.language, law)
        titles = {
            "first": _("%(provision)s first appears in the edition in force from %(date)s"),
            "changed": _("%(provision)s changed in the edition in force from %(date)s"),
            "removed": _("%(provision)s no longer appears in the edition in force from %(date)s"),
        }
        entries = []
        for entry in subject.history:
            if entry.status not in titles:
                continue
            revision = entry.revision
            if entry.previous is None:
                link = place_url(revision, eid, eid)
            else:
                link = reverse("compare:editions", args=[law.slug, entry.previous.valid_from, revision.valid_from])
                link += query + f"#{eid}"
            values = {"provision": vocabulary.name(eid), "date": long_date(revision.valid_from)}
            summary = "\n".join(plain_text(note.body) for note in entry.notes)
            entries.append(
                Entry(
                    f"{entry.status}-{revision.pk}",
                    titles[entry.status] % values,
                    link,
                    midnight(revision.valid_from),
                    summary or revision.label,
                    revision.imported_at,
                )
            )
        return identified(subject, list(reversed(entries)))


class LibraryNotesFeed(EntryFeed):
    """Notes newly published on any law of the library, newest first."""

    def get_object(self, request):
        return Subject(request)

    def title(self, subject):
        return _("Lawreader: new notes")

    def link(self, subject):
        return reverse("reader:library")

    def subtitle(self, subject):
        return _("Commentary, cross-references and other notes, as they are published.")

    def items(self, subject):
        notes = published_notes().select_related("revision__law", "law").order_by("-updated")
        return identified(subject, [note_entry(note) for note in notes[:ENTRIES]])


def identified(subject, entries):
    for entry in entries:
        entry.guid = subject.entry_id(entry)
    return entries


law_changes = cached_law_page(lang=LANGUAGE_CODES)(LawChangesFeed())
provision_changes = cached_law_page(lang=LANGUAGE_CODES)(ProvisionChangesFeed())
library_notes = LibraryNotesFeed()
