"""The acts that changed a law, read against its editions: which acts a page's date is past that the edition shown
does not include yet, and which edition first shows each act's effects."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch

from lawreader import vocabulary
from lawreader.store.models import AmendingAct, Effect
from lawreader.vocabulary import is_within


@dataclass
class PendingChange:
    """An effect the edition shown does not include, by an act in force (or possibly in force) on the date asked."""

    effect: Effect
    certain: bool  # the act's date of entry into force is known and past; else it hangs on a publication date
    next_revision: object  # the first edition we hold that includes it (None when we hold none)

    @property
    def act(self):
        return self.effect.act


def effects_of(law_id):
    """Every effect on the law with its act and the edition that first states it, in one query."""
    return list(
        Effect.objects.public()
        .filter(law_id=law_id)
        .select_related("act", "first_stated_in")
        .order_by("act__adopted_on", "act__number", "target_eid")
    )


def pending_changes(timeline, revision, date, effects):
    """Of the law's `effects`, those `revision` does not include (first stated by a later edition) by an act that
    was, or may have been, in force on `date`: what legislation.gov.uk calls changes not yet applied."""
    later = [r for r in timeline.revisions if r.valid_from > revision.valid_from]
    pending = []
    for effect in effects:
        if not shows(revision, effect) and effect.act.possibly_in_force_on(date):
            includes = [r for r in later if r.valid_from >= effect.first_stated_in.valid_from]
            pending.append(PendingChange(effect, effect.act.in_force_on is not None, includes[0] if includes else None))
    return pending


def shows(revision, effect):
    """Does `revision` include `effect`? Every edition does from the first that states it (in any language) on."""
    return effect.first_stated_in.valid_from <= revision.valid_from


def acts_incorporated(revision, effects):
    """The acts whose effects `revision` includes, oldest first (of the law's `effects`, as effects_of returns
    them)."""
    acts = {}
    for effect in effects:
        if shows(revision, effect):
            acts.setdefault(effect.act.pk, effect.act)
    return list(acts.values())


def concerns(target_eid, eid):
    """Does an effect on `target_eid` concern the provision `eid` — the same one, one inside it, or its parent?
    ("" is the law as a whole, which concerns every provision.)"""
    return not target_eid or is_within(eid, target_eid) or is_within(target_eid, eid)


def touching(changes, eid):
    """The changes that concern `eid`."""
    return [change for change in changes if concerns(change.effect.target_eid, eid)]


def acts_of(law):
    """The law's amending acts that published editions state, oldest first, each with its effects (two queries)."""
    public = Effect.objects.public().select_related("first_stated_in").order_by("target_eid")
    return list(
        AmendingAct.objects.filter(law=law, effects__in=Effect.objects.public())
        .distinct()
        .prefetch_related(Prefetch("effects", public))
        .order_by("adopted_on", "number")
    )


def effects_touching(effects, eid):
    """Of the law's `effects`, those that concern `eid`, oldest act first."""
    return [effect for effect in effects if concerns(effect.target_eid, eid)]


def acts_meanwhile(timeline, effects):
    """{revision pk: acts} — the acts first shown by the edition after each one: amendments made while it was the
    latest edition held here, which the next edition shows together."""
    meanwhile = {}
    for effect in effects:
        before = timeline.in_force_on(effect.first_stated_in.valid_from - datetime.timedelta(days=1))
        if before is not None and effect.act not in meanwhile.setdefault(before.pk, []):
            meanwhile[before.pk].append(effect.act)
    return meanwhile


ACT_CITED_RE = re.compile(rf"(?:No\.|№|N)\s*(?P<number>{vocabulary.ACT_NUMBER})")


def acts_named(lines, effects):
    """[(line, act or None)]: an edition's list of the acts it incorporates ("Law No. 553-IV of 13 February 2012"),
    each with the amending act the footnotes name by that number, so the list can link to the act's page."""
    by_number = {vocabulary.act_number_key(effect.act.number): effect.act for effect in effects if effect.act.number}
    named = []
    for line in lines:
        found = ACT_CITED_RE.search(line)
        named.append((line, by_number.get(vocabulary.act_number_key(found["number"])) if found else None))
    return named
