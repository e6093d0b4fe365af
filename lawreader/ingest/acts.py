"""The amending acts and their effects, read from the footnotes an import stored: rebuilt for the whole law after
each import, so replacing an edition never leaves an effect its text no longer states."""

from lawreader.ingest import footnotes
from lawreader.store.models import AmendingAct, Annotation, Effect
from lawreader.store.models.annotations import AnnotationKind, AnnotationSource


def rebuild_effects(law):
    """Acts and effects from every imported footnote of every edition of `law`, earliest edition first (an
    effect's first edition is the first whose footnotes state it). Returns the wordings of the footnotes nobody
    could read."""
    notes = (
        Annotation.objects.filter(law=law, source=AnnotationSource.IMPORT, kind=AnnotationKind.AMENDMENT)
        .order_by("revision__valid_from", "id")
        .values_list("revision_id", "target_eid", "body")  # tens of thousands in a code's editions: plain tuples
    )
    acts = {(act.number, act.adopted_on): act for act in AmendingAct.objects.filter(law=law)}
    effects, unread = {}, set()
    # Each edition repeats the footnotes of the last, so a law's tenth edition brings ten copies of most of them:
    # each wording is read once.
    stated_by_wording = {}
    for revision_id, target_eid, body in notes:
        if body not in stated_by_wording:
            stated_by_wording[body] = footnotes.read_footnote(body)
        stated = stated_by_wording[body]
        if not stated:
            unread.add(body)
        for effect in stated:
            act = act_for(law, acts, effect.act)
            target = effect.target_eid or target_eid
            key = (act.pk, target, effect.action)
            if key not in effects:
                effects[key] = Effect(
                    law=law, act=act, target_eid=target, action=effect.action, first_stated_in_id=revision_id
                )
    Effect.objects.filter(law=law).delete()
    Effect.objects.bulk_create(effects.values())
    AmendingAct.objects.filter(law=law, effects=None).delete()
    return unread


def act_for(law, acts, citation):
    """The law's record of the cited act, created on first citation; what a later footnote adds (a stated date of
    entry into force) fills in what an earlier one left open, and an editor's date is never overwritten."""
    key = (citation.number, citation.adopted)
    act = acts.get(key)
    rule = citation.entry_into_force
    if act is None:
        act = AmendingAct.objects.create(
            law=law,
            number=citation.number,
            adopted_on=citation.adopted,
            in_force_rule=rule.rule,
            in_force_period=rule.period,
            in_force_on=rule.date,
        )
        acts[key] = act
    elif not act.in_force_rule and rule.rule:
        act.in_force_rule, act.in_force_period = rule.rule, rule.period
        act.in_force_on = act.in_force_on or rule.date
        act.save(update_fields=["in_force_rule", "in_force_period", "in_force_on"])
    return act
