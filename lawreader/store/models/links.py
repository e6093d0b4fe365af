"""Editors' corrections of the links the machine finds in a law's text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lawreader.store.models.laws import Law


class LinkAction(models.TextChoices):
    SUPPRESS = "suppress", _("remove the link on this phrase")
    ADD = "add", _("link this phrase to a provision")


class LinkCorrection(models.Model):
    """A link removed or added by hand in one provision. It holds in every edition of the law whose provision of
    that eid reads exactly as it did when the correction was made (`text_hash`), so a re-import keeps it while the
    wording stands and drops it once the wording changes."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="link_corrections")
    eid = models.CharField(max_length=200, help_text=_("The provision whose text holds the phrase."))
    text_hash = models.CharField(max_length=64, help_text=_("SHA-256 of the provision's text the correction is for."))
    action = models.CharField(max_length=10, choices=LinkAction.choices)
    phrase = models.CharField(max_length=300, help_text=_("The words of the text, exactly as printed."))
    target_eid = models.CharField(
        max_length=200, blank=True, help_text=_("Where the phrase should lead (for an added link).")
    )
    reason = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["law", "eid"], name="link_correction_law_eid")]

    def __str__(self):
        return f"{self.get_action_display()}: “{self.phrase}” in {self.eid}"
