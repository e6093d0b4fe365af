from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Subquery
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lawreader.annotate.forms import AnnotationForm
from lawreader.annotate.rendering import render_body
from lawreader.citations import parse_citation
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.annotations import AnnotationStatus

SUGGESTIONS = 20


class StaleFilter(admin.SimpleListFilter):
    """Notes whose provision reads differently in the law's latest edition than when they were written."""

    title = _("wording since changed")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Stale")), ("no", _("Current"))]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        # Nested subqueries: OuterRef(OuterRef(…)) reaches past the provision query to the annotation.
        latest = Revision.objects.filter(
            law=OuterRef(OuterRef("law")), language=OuterRef(OuterRef("revision__language"))
        ).order_by("-valid_from")
        latest_provision = Provision.objects.filter(
            revision=Subquery(latest.values("pk")[:1]), eid=OuterRef("target_eid")
        ).exclude(content_hash=OuterRef("content_hash"))
        queryset = queryset.exclude(content_hash="").annotate(stale=Exists(latest_provision))
        return queryset.filter(stale=self.value() == "yes")


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    form = AnnotationForm
    list_display = ["__str__", "kind", "status", "target_eid", "revision", "author", "version", "updated"]
    list_filter = ["law", "kind", "status", StaleFilter, "source"]
    search_fields = ["title", "body", "target_eid", "quote_exact"]
    list_select_related = ["revision__law", "author"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["author", "created", "updated"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "revision",
                    "target_eid",
                    "kind",
                    "title",
                    "quote_exact",
                    "body",
                    "status",
                    "position",
                    "version",
                ]
            },
        ),
        (_("Record"), {"fields": ["author", "created", "updated"], "classes": ["collapse"]}),
    ]

    def get_changeform_initial_data(self, request):
        """Pre-filled from the reader's "annotate" link: ?revision=…&target_eid=…"""
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("status", AnnotationStatus.DRAFT)
        initial.setdefault("kind", "commentary")
        return initial

    def save_model(self, request, obj, form, change):
        form.apply_to(obj)
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        # The history says what the note said, not only which fields changed.
        message.append(
            {"snapshot": {"version": form.instance.version, "title": form.instance.title, "body": form.instance.body}}
        )
        return message

    @admin.action(description=_("Publish the selected notes"), permissions=["change"])
    def publish(self, request, queryset):
        self.set_status(request, queryset, AnnotationStatus.PUBLISHED)

    @admin.action(description=_("Return the selected notes to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_status(request, queryset, AnnotationStatus.DRAFT)

    def set_status(self, request, queryset, status):
        changing = list(queryset.exclude(status=status))
        changed_ids = [note.pk for note in changing]
        Annotation.objects.filter(pk__in=changed_ids).update(status=status, version=F("version") + 1)
        content_type = ContentType.objects.get_for_model(Annotation)
        LogEntry.objects.bulk_create(
            LogEntry(
                user_id=request.user.pk,
                content_type=content_type,
                object_id=str(note.pk),
                object_repr=str(note)[:200],
                action_flag=CHANGE,
                change_message=f'[{{"changed": {{"fields": ["Status"]}}}}, {{"status": "{status}"}}]',
            )
            for note in changing
        )
        self.message_user(
            request,
            ngettext("%(count)d note set to %(status)s.", "%(count)d notes set to %(status)s.", len(changing))
            % {"count": len(changing), "status": AnnotationStatus(status).label.lower()},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "provisions/",
                self.admin_site.admin_view(self.provision_suggestions),
                name="store_annotation_provisions",
            ),
            path("preview/", self.admin_site.admin_view(self.preview), name="store_annotation_preview"),
            *super().get_urls(),
        ]

    def provision_suggestions(self, request):
        """JSON suggestions for the provision box: eid, and a label with number, heading and the start of the text."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"results": []}, status=403)
        revision_id = request.GET.get("revision", "")
        if not (revision_id.isascii() and revision_id.isdigit() and len(revision_id) <= 18):
            return HttpResponseBadRequest("revision must be a number")
        term = request.GET.get("q", "").strip()[:100]
        provisions = (
            Provision.objects.of_revision(revision_id)
            .exclude(kind="document")
            .only("eid", "kind", "number", "heading", "text")
        )
        citation = parse_citation(term) if term else None
        if citation is not None:
            provisions = provisions.cited_by(citation)
        elif term:
            provisions = (
                provisions.filter(eid__icontains=term.replace(" ", "_"))
                | provisions.filter(heading__icontains=term)
                | provisions.filter(text__icontains=term)
            )
        results = [{"eid": p.eid, "label": suggestion_label(p)} for p in provisions.order_by("path")[:SUGGESTIONS]]
        return JsonResponse({"results": results})

    def preview(self, request):
        """The body as readers will see it. Works as a form target without JavaScript, and for the live preview."""
        if request.method != "POST":
            return HttpResponseBadRequest("POST the body to preview")
        html = render_body(request.POST.get("body", ""))
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"html": html})
        return render(request, "admin/annotate/preview.html", {"html": html, "title": _("Preview")})


def suggestion_label(provision):
    start = " ".join(provision.text.split()[:12])
    return " — ".join(part for part in (str(provision.label), provision.heading, start) if part) + f" ({provision.eid})"
