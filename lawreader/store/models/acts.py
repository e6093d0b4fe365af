"""The acts that amended a law and what each did to which provision, as the law's official footnotes state them."""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lawreader.store.models.laws import Law, Revision


class EntryIntoForceRule(models.TextChoices):
    ON_DATE = "on_date", _("on a fixed date")
    DAYS_AFTER_PUBLICATION = "days_after_publication", _("days after its first official publication")
    MONTHS_AFTER_PUBLICATION = "months_after_publication", _("months after its first official publication")
    ON_PUBLICATION = "on_publication", _("on its first official publication")
    NOT_STATED = "", _("not stated")


class AmendingAct(models.Model):
    """An act that amended one law (Akoma Ntoso's amendment lifecycle event): cited by number and date of adoption,
    with its entry into force as far as the footnotes state it. Per law, so every row belongs to one law's pages."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="amending_acts")
    number = models.CharField(max_length=30, blank=True, help_text=_('As printed, e.g. "553-IV".'))
    adopted_on = models.DateField()
    in_force_rule = models.CharField(max_length=30, choices=EntryIntoForceRule.choices, blank=True)
    in_force_period = models.PositiveSmallIntegerField(default=0, help_text=_("Days or months, by the rule."))
    in_force_on = models.DateField(
        null=True, blank=True, help_text=_("When it came into force, where known; never guessed from the rule.")
    )

    class Meta:
        ordering = ["law", "adopted_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["law", "number", "adopted_on"], name="amending_act_unique_per_law")
        ]

    def __str__(self):
        number = f"No. {self.number} " if self.number else ""
        return f"{number}of {date_format(self.adopted_on, 'j F Y')}"

    @property
    def entry_into_force(self):
        """How it came into force, as far as it is known: "in force from 1 January 2016", "in force ten days after
        its first official publication (the date of publication is not recorded here)"."""
        if self.in_force_on is not None:
            return gettext("in force from %(date)s") % {"date": date_format(self.in_force_on, "j F Y")}
        rule = EntryIntoForceRule
        if self.in_force_rule == rule.DAYS_AFTER_PUBLICATION:
            text = ngettext(
                "in force %(count)d day after its first official publication",
                "in force %(count)d days after its first official publication",
                self.in_force_period,
            ) % {"count": self.in_force_period}
        elif self.in_force_rule == rule.MONTHS_AFTER_PUBLICATION:
            text = ngettext(
                "in force %(count)d month after its first official publication",
                "in force %(count)d months after its first official publication",
                self.in_force_period,
            ) % {"count": self.in_force_period}
        elif self.in_force_rule == rule.ON_PUBLICATION:
            text = gettext("in force from its first official publication")
        else:
            return gettext("its entry into force is not stated in the footnotes")
        return gettext("%(rule)s (the date of publication is not recorded here)") % {"rule": text}

    def possibly_in_force_on(self, date):
        """Had it come into force by `date`? True when its date is known and past; for a date that hangs on an
        unrecorded publication, when `date` is after the earliest day it could have (adoption and the period)."""
        if self.in_force_on is not None:
            return self.in_force_on <= date
        if not self.in_force_period_days:  # from publication (or not stated): as early as the day of adoption
            return self.adopted_on <= date
        return self.adopted_on + datetime.timedelta(days=self.in_force_period_days) < date

    @property
    def in_force_period_days(self):
        if self.in_force_rule == EntryIntoForceRule.MONTHS_AFTER_PUBLICATION:
            return 28 * self.in_force_period  # the shortest months: the earliest it could be
        return self.in_force_period


class EffectAction(models.TextChoices):
    AMENDED = "amended", _("amended")
    RESTATED = "restated", _("restated")
    INSERTED = "inserted", _("inserted")
    EXCLUDED = "excluded", _("excluded")


class EffectQuerySet(models.QuerySet):
    def public(self):
        """Effects a published edition states: an act cited only by a draft edition is not shown to readers."""
        return self.filter(first_stated_in__published=True)


class Effect(models.Model):
    """What one act did to one provision, and the first edition whose footnotes say so."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="effects")
    act = models.ForeignKey(AmendingAct, on_delete=models.CASCADE, related_name="effects")
    target_eid = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=EffectAction.choices)
    first_stated_in = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="effects_stated")

    objects = EffectQuerySet.as_manager()

    class Meta:
        ordering = ["act__adopted_on", "target_eid"]
        constraints = [models.UniqueConstraint(fields=["act", "target_eid", "action"], name="effect_unique_per_act")]

    def __str__(self):
        return f"{self.act}: {self.target_eid} {self.action}"
