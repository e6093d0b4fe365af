"""Editors correct the links the machine found: one link removed or added in one provision, kept across
re-imports while that provision's wording stands, and every edition of the law linked again at once."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lawreader.citations import parse_citation
from lawreader.ingest.linker import text_hash
from lawreader.ingest.links import relink_law
from lawreader.store.models import LinkCorrection, Provision, Revision
from lawreader.store.models.links import LinkAction


class LinkCorrectionForm(forms.ModelForm):
    revision = forms.ModelChoiceField(
        queryset=Revision.objects.select_related("law"),
        help_text=_("The edition whose text you corrected; the correction holds wherever the text reads the same."),
    )

    class Meta:
        model = LinkCorrection
        fields = ["revision", "eid", "action", "phrase", "target_eid", "reason"]
        help_texts = {
            "eid": _('The provision the phrase stands in: an eid ("art_9__text_1") or a citation ("Article 2(1)").'),
            "target_eid": _('For an added link: where it leads, as an eid or a citation ("Article 6 item 3").'),
        }

    def clean(self):
        cleaned = super().clean()
        revision = cleaned.get("revision")
        if revision is None:
            return cleaned
        provision = self.provision_in(revision, cleaned.get("eid", ""), "eid")
        if provision is not None and cleaned.get("phrase"):
            provision = self.holding_phrase(provision, cleaned["phrase"])
        if provision is not None:
            cleaned["eid"] = provision.eid
            self.instance.text_hash = text_hash(provision.text)
            self.instance.law = revision.law
        if cleaned.get("action") == LinkAction.ADD:
            target = self.provision_in(revision, cleaned.get("target_eid", ""), "target_eid")
            if target is not None:
                cleaned["target_eid"] = target.eid
        elif cleaned.get("target_eid"):
            self.add_error("target_eid", _("A removed link leads nowhere: leave this empty."))
        return cleaned

    def holding_phrase(self, provision, phrase):
        """The provision, or the one provision inside it, whose own text holds the phrase ("Article 3" for the
        paragraph of Article 3 that says it)."""
        holders = [p for p in Provision.objects.subtree(provision).only("eid", "text") if phrase in p.text]
        if len(holders) == 1:
            return holders[0]
        if holders:
            self.add_error(
                "eid",
                _("Several provisions of %(eid)s say this; name the one you mean: %(eids)s.")
                % {"eid": provision.eid, "eids": ", ".join(p.eid for p in holders)},
            )
        else:
            self.add_error("phrase", _("The text of %(eid)s has no such phrase.") % {"eid": provision.eid})
        return None

    def provision_in(self, revision, typed, field):
        typed = typed.strip()
        citation = parse_citation(typed)
        eids = [typed] + ([citation.eid()] if citation else [])
        provision = Provision.objects.of_revision(revision).filter(eid__in=eids).first()
        if provision is None:
            self.add_error(
                field,
                _("The edition of %(date)s has no provision %(typed)s.")
                % {"date": revision.valid_from, "typed": typed},
            )
        return provision


@admin.register(LinkCorrection)
class LinkCorrectionAdmin(admin.ModelAdmin):
    form = LinkCorrectionForm
    list_display = ["__str__", "law", "target_eid", "author", "created_at"]
    list_filter = ["law", "action"]
    search_fields = ["eid", "phrase", "target_eid"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            form.base_fields["revision"].initial = obj.law.revisions.order_by("-valid_from").first()
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            relink_law(obj.law)  # readers see the corrected links at once

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            relink_law(obj.law)

    def delete_queryset(self, request, queryset):
        laws = {correction.law for correction in queryset.select_related("law")}
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for law in laws:
                relink_law(law)
