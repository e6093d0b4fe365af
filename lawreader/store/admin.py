from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import Http404, HttpResponseBadRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from lawreader.references import LINK_MISSING
from lawreader.store.models import AmendingAct, Effect, Law, Provision, Revision


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ["language", "valid_from", "label", "published"]
    extra = 0
    show_change_link = True


@admin.register(Law)
class LawAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "jurisdiction", "adopted_on", "official_id"]
    search_fields = ["title", "short_title", "number", "official_id"]
    prepopulated_fields = {"slug": ["short_title"]}
    inlines = [RevisionInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["law", "language", "valid_from", "label", "published", "warning_count"]
    list_filter = ["law", "language", "published"]
    search_fields = ["label", "law__title"]
    readonly_fields = ["source_checksum", "imported_at", "import_warnings", "references_to_missing_provisions"]

    @admin.display(description=_("references to provisions this edition does not have"))
    def references_to_missing_provisions(self, revision):
        """Possible errors of the official text (or of its import) for staff to look at."""
        problems = missing_references(revision)
        if not problems:
            return _("None.")
        return format_html_join("\n", "<p>{}: “{}” → {}</p>", problems)

    @admin.display(description=_("import warnings"))
    def warning_count(self, revision):
        """How many irregularities of the official text the importer read as published: worth a look."""
        return len(revision.import_warnings.splitlines())


def missing_references(revision):
    """(citing eid, phrase, eid it would name) for each reference to a provision the edition does not have."""
    rows = Provision.objects.of_revision(revision).exclude(links=[]).values_list("eid", "text", "links")
    return [
        (eid, text[start:end], target)
        for eid, text, links in rows
        for start, end, kind, target in links
        if kind == LINK_MISSING
    ]


@admin.register(Provision)
class ProvisionAdmin(TreeAdmin):
    form = movenodeform_factory(Provision)
    list_display = ["__str__", "eid", "kind", "heading", "revision"]
    list_filter = ["revision__law", "revision", "kind"]
    search_fields = ["eid", "heading", "text"]
    list_select_related = ["revision__law"]

    def children_view(self, request, parent_id):
        """treebeard's AJAX view for a node's children lets a parent that is not a number, or a filter the list
        cannot apply, escape as a 500."""
        if not parent_id.isdigit():
            raise Http404("No such provision.")
        try:
            return super().children_view(request, parent_id)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("Unknown filter for the provision list.")


class EffectInline(admin.TabularInline):
    model = Effect
    fields = ["target_eid", "action", "first_stated_in"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(AmendingAct)
class AmendingActAdmin(admin.ModelAdmin):
    """Acts come from the official footnotes at import; staff record what the footnotes cannot say — the date an
    act came into force, once its publication date is known."""

    list_display = ["__str__", "law", "adopted_on", "in_force_rule", "in_force_period", "in_force_on"]
    list_filter = ["law", "in_force_rule"]
    search_fields = ["number"]
    fields = ["law", "number", "adopted_on", "in_force_rule", "in_force_period", "in_force_on"]
    readonly_fields = ["law", "number", "adopted_on", "in_force_rule", "in_force_period"]
    inlines = [EffectInline]

    def has_add_permission(self, request):
        return False
