"""The editor's annotation form: the provision must exist, the quote must be in it, and no save may silently
overwrite someone else's."""

from django import forms
from django.db.models import F
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lawreader.annotate.anchoring import selector_for
from lawreader.citations import parse_citation
from lawreader.store.models import Annotation, Provision, Revision


class ProvisionInput(forms.TextInput):
    """A text box for the eid with a list of suggestions (number, heading, start of text) fetched as you type."""

    # Widget templates come from app directories (the form renderer does not read the project's templates/).
    template_name = "annotate/provision_input.html"

    class Media:
        js = ["js/annotation-admin.js"]
        css = {"all": ["css/annotation-admin.css"]}


def provision_named(revision, typed):
    """(provision, "") for what an editor typed — its eid, or any citation the search box reads ("Article 9 item
    20-1", "ст. 9 п. 1", "9-бап") — or (None, why not) when the edition has no such provision or several fit."""
    provisions = Provision.objects.of_revision(revision)
    found = provisions.filter(eid=typed).first()
    if found is not None:
        return found, ""
    citation = parse_citation(typed)
    candidates = list(provisions.cited_by(citation)[:5]) if citation is not None else []
    if len(candidates) == 1:
        return candidates[0], ""
    if candidates:
        return None, _("%(typed)s fits several provisions of this edition: %(eids)s. Choose one.") % {
            "typed": typed,
            "eids": ", ".join(candidate.eid for candidate in candidates),
        }
    return None, _("The edition of %(date)s has no provision “%(typed)s”.") % {
        "date": revision.valid_from,
        "typed": typed,
    }


class AnnotationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Annotation
        fields = ["revision", "target_eid", "kind", "title", "quote_exact", "body", "status", "position"]
        widgets = {"target_eid": ProvisionInput(attrs={"size": 40, "autocomplete": "off"})}
        labels = {"revision": _("Law and edition"), "target_eid": _("Provision")}
        help_texts = {
            "target_eid": _(
                "A citation (“Article 9 item 20-1”, “ст. 9 п. 1”, “9-бап”), or words of its heading or text to pick"
                " from the suggestions."
            ),
            "body": _("Markdown. Link to another provision with [Article 6](eid:art_6)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = Revision.objects.select_related("law").order_by(
            "law__title", "language", "valid_from"
        )
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.provision = None

    def clean(self):
        cleaned = super().clean()
        revision, typed = cleaned.get("revision"), cleaned.get("target_eid")
        if revision and typed is not None:
            self.provision, problem = provision_named(revision, typed.strip())
            if self.provision is not None:
                cleaned["target_eid"] = self.provision.eid
            else:
                self.add_error("target_eid", problem)
        quote = cleaned.get("quote_exact", "")
        if quote and self.provision is not None and quote not in self.provision.text:
            self.add_error("quote_exact", _("These words are not in the provision's text; copy them exactly."))
        if self.instance.pk:
            self.check_not_changed_since_opened(cleaned)
        return cleaned

    def check_not_changed_since_opened(self, cleaned):
        # A no-op UPDATE takes the row's write lock (PostgreSQL) or the database's (SQLite) until the admin's
        # transaction ends, so the version read next cannot change before this save commits.
        Annotation.objects.filter(pk=self.instance.pk).update(version=F("version"))
        current = Annotation.objects.select_related("author").get(pk=self.instance.pk)
        opened = cleaned.get("version")
        if opened == current.version:
            return
        self.data = self.data.copy()
        self.data["version"] = current.version  # saving again now means: keep mine, knowingly
        raise forms.ValidationError(
            format_html(
                "Someone else saved this note after you opened it (now version {}, saved {}). Your changes are "
                "not saved; they are still in the form below. Their version — title: “{}”; text: “{}”. "
                "Compare, then save again to keep yours, or reload the page to take theirs.",
                current.version,
                date_format(current.updated, "DATETIME_FORMAT"),
                current.title,
                current.body,
            ),
            code="stale_version",
        )

    def apply_to(self, annotation):
        """Fill in what the editor does not type: the law, the provision's hash, the quote's context, the version."""
        annotation.law = annotation.revision.law
        annotation.content_hash = self.provision.content_hash
        quote = annotation.quote_exact
        if quote:
            start = self.provision.text.find(quote)
            selector = selector_for(self.provision.text, start, start + len(quote))
            annotation.quote_prefix, annotation.quote_suffix, annotation.quote_start = (
                selector.prefix,
                selector.suffix,
                selector.start,
            )
        else:
            annotation.quote_prefix = annotation.quote_suffix = ""
            annotation.quote_start = None
        annotation.version = self.cleaned_data["version"] + 1 if annotation.pk else 1
