import re

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lawreader import vocabulary
from lawreader.annotate.display import NoteView, decorate
from lawreader.annotate.forms import AnnotationForm, provision_named
from lawreader.annotate.rendering import render_body
from lawreader.citations import parse_citation
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.annotations import AnnotationKind, AnnotationStatus
from lawreader.store.outline import OutlineNode

SUGGESTIONS = 20
# Words of a suggestion query, and the provisions they are ranked among: enough for any law's matches to include
# the whole-word ones a reader means.
MAX_WORDS = 6
CANDIDATES = 300
PREVIEW_ID = 0


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
    # Few and short columns, so the list fits beside the admin's navigation at 1280 px; the rest is on the form.
    list_display = ["__str__", "kind", "status", "provision", "edition"]
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

    def get_ordering(self, request):
        # The law's order, not the alphabet's: art_2 before art_10, an article before its items.
        return ["law__title", "revision__valid_from", "document_order", "position"]

    def get_queryset(self, request):
        """Each note with its provision's place in the edition, for the law's order (annotated before the admin
        orders by it)."""
        place = Provision.objects.filter(revision=OuterRef("revision"), eid=OuterRef("target_eid")).values("path")
        notes = self.model._default_manager.get_queryset().annotate(document_order=Subquery(place[:1]))
        return notes.order_by(*self.get_ordering(request))

    @admin.display(description=_("provision"), ordering="document_order")
    def provision(self, note):
        return vocabulary.citation(note.target_eid) if note.target_eid else _("the whole law")

    @admin.display(description=_("edition"), ordering="revision__valid_from")
    def edition(self, note):
        return f"{note.revision.valid_from:%Y-%m-%d} ({note.revision.language})" if note.revision else ""

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
            found = list(provisions.cited_by(citation).order_by("path")[:SUGGESTIONS])
        else:
            found = provisions_with_words(provisions, term)
        results = [{"eid": p.eid, "label": suggestion_label(p)} for p in found]
        return JsonResponse({"results": results})

    def preview(self, request):
        """The note as readers will see it — kind, title, quote marked in the provision's text, body with its links
        resolved in the chosen edition — in the reader's page (a new tab, no JavaScript needed), or as a fragment
        for the form's live preview."""
        if request.method != "POST":
            return HttpResponseBadRequest("POST the note to preview")
        note, revision, provision = note_from_form(request.POST)
        permalink_base = reverse("reader:edition", args=[revision.law.slug, revision.valid_from]) if revision else ""
        context = {
            "law": revision.law if revision else None,
            "revision": revision,
            "permalink_base": permalink_base,
            "preview": True,
        }
        if provision is not None:
            node = OutlineNode(provision, [], 2, [note])
            decorate(node, revision, permalink_base)
            context.update({"node": node, "view": node.display.notes[0]})
        else:
            context["view"] = NoteView(note, render_body(note.body, permalink_base))
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"html": render_to_string("annotate/_preview.html", context)})
        return render(request, "annotate/preview.html", context)


def note_from_form(data):
    """An unsaved note from the editor's form as it stands, with its edition and provision when the form names
    them."""
    revision_id = data.get("revision", "")
    revision = None
    if revision_id.isascii() and revision_id.isdigit() and len(revision_id) <= 18:
        revision = Revision.objects.select_related("law").filter(pk=revision_id).first()
    provision = None
    if revision is not None and data.get("target_eid", "").strip():
        provision, _problem = provision_named(revision, data["target_eid"].strip())
    kind = data.get("kind", "")
    note = Annotation(
        target_eid=provision.eid if provision else "",
        kind=kind if kind in AnnotationKind.values else AnnotationKind.COMMENTARY,
        title=data.get("title", "")[:300],
        quote_exact=data.get("quote_exact", ""),
        body=data.get("body", ""),
        status=AnnotationStatus.DRAFT,
    )
    if revision is not None:
        note.law, note.revision = revision.law, revision
    note.pk = PREVIEW_ID  # what the page's quote and note anchors are named by
    return note, revision, provision


def provisions_with_words(provisions, term):
    """Provisions whose eid, heading or text hold every word typed, wherever they stand; those holding them as
    whole words ("cover" in "cover documents", not only in "covert") first, then in document order."""
    words = term.split()[:MAX_WORDS]
    for word in words:
        provisions = provisions.filter(Q(eid__icontains=word) | Q(heading__icontains=word) | Q(text__icontains=word))
    candidates = list(provisions.order_by("path")[:CANDIDATES])
    whole = [re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE) for word in words]
    candidates.sort(key=lambda p: not all(pattern.search(f"{p.heading} {p.text}") for pattern in whole))
    return candidates[:SUGGESTIONS]


def suggestion_label(provision):
    start = " ".join(provision.text.split()[:12])
    return " — ".join(part for part in (str(provision.label), provision.heading, start) if part) + f" ({provision.eid})"
