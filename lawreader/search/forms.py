import copy
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from lawreader.store.models import Law, Provision, Revision
from lawreader.store.models.laws import LANGUAGES
from lawreader.store.models.provisions import ProvisionKind
from lawreader.web.page_cache import cached_for_law, cached_for_library

KIND_CHOICES = [
    ("", _("Any kind")),
    *[(kind, label) for kind, label in ProvisionKind.choices if kind != ProvisionKind.DOCUMENT],
]
IN_CHOICES = [("all", _("Text and notes")), ("text", _("The law's text")), ("annotations", _("Notes"))]


def kinds_of(law):
    """The kinds of provision a law's editions hold, cached until its content changes."""
    return cached_for_law(
        law.slug,
        "kinds",
        lambda: set(Provision.objects.filter(revision__law=law).values_list("kind", flat=True).distinct()),
    )


def laws_and_languages():
    """{slug: law} for every law, and the languages some published edition is in: a language filter that can only
    find nothing is no help."""
    # Unordered: the editions' ordering would make every edition a distinct row.
    held = set(Revision.objects.published().order_by().values_list("language", flat=True).distinct())
    return {law.slug: law for law in Law.objects.all()}, held


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Citation or words"), required=False, max_length=2000, strip=True)
    law = forms.ChoiceField(label=_("Law"), required=False)  # a slug; cleaned to the Law
    edition = forms.CharField(label=_("Edition"), required=False, max_length=10)
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Default")), *LANGUAGES], required=False)
    kind = forms.ChoiceField(label=_("Kind of provision"), choices=KIND_CHOICES, required=False)
    within = forms.ChoiceField(label=_("Search in"), choices=IN_CHOICES, required=False)
    # The URL parameter is "in" (a Python keyword): the view maps it.
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The laws: the law filter's choices and the law chosen.
        self.laws, held = cached_for_library("search-choices", laws_and_languages)
        self.fields["law"].choices = [("", _("All laws")), *((slug, str(law)) for slug, law in self.laws.items())]
        self.fields["language"].choices = [("", _("Default")), *((c, n) for c, n in LANGUAGES if c in held)]
        law = self.laws.get(self.data.get("law") or "")
        if law is not None:  # the kinds of provision the chosen law has
            kinds = kinds_of(law)
            self.fields["kind"].choices = [(kind, label) for kind, label in KIND_CHOICES if not kind or kind in kinds]

    def clean_law(self):
        law = self.laws.get(self.cleaned_data["law"])
        return copy.copy(law) if law else None  # the request's own: the cached one is every request's

    def clean(self):
        """Also `laws`: the laws searched, the chosen one or all of them, each the request's own copy."""
        cleaned = super().clean()
        chosen = cleaned.get("law")
        cleaned["laws"] = [chosen] if chosen else [copy.copy(law) for law in self.laws.values()]
        return cleaned

    def clean_edition(self):
        """'' (in force today), 'all', or a date YYYY-MM-DD (in force then)."""
        value = self.cleaned_data["edition"]
        if value in ("", "all"):
            return value
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(_("Choose “in force today”, “all editions” or a date YYYY-MM-DD.")) from None
