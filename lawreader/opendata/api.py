"""The read-only JSON API, /api/v1/. Thin like the pages: each operation finds what was asked for through the same
functions the pages use (the timeline, the one visibility rule for notes, the search plan, the diff) and returns
it in the shapes of schemas.py. Anonymous: no operation ever sees a draft."""

import datetime
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import CursorPagination, paginate
from ninja.responses import Status

from lawreader import vocabulary
from lawreader.annotate.rendering import render_body
from lawreader.annotate.visibility import notes_shown_in
from lawreader.compare.editions import compare_editions, editions_to_compare, provision_history
from lawreader.opendata import schemas
from lawreader.search.forms import SearchForm
from lawreader.search.results import entry_url
from lawreader.search.service import plan_search, search_words
from lawreader.store.amendments import acts_of
from lawreader.store.models import Law, Provision
from lawreader.store.outline import build
from lawreader.store.timeline import Timeline
from lawreader.web.editions import EditionNotFound, edition_in_force, eid_missing, language_query
from lawreader.web.page_cache import EVERY_PARAMETER, cached_by_law_version

DESCRIPTION = """
Kazakhstan's laws as data: every edition in every language, its text as a tree of provisions with Akoma Ntoso eIds,
the published notes beside it, word and citation search, the changes between any two dates with the amending acts
that made them, and each provision's history. Read-only and anonymous; CORS is open for GET.

Our English texts are unofficial translations (each edition's `source_note` says so); the official texts are in
Russian and Kazakh on adilet.zan.kz.

**Caching.** Every answer about a law carries an `ETag` derived from the law's public version, which moves on every
change readers can see: send it back in `If-None-Match` and an unchanged answer is a `304` with no body.

**Rate limit.** Anonymous clients may make {rate} requests per client address; past it the answer is `429 Too Many
Requests` with `Retry-After` (seconds). For a whole mirror, use the downloads instead (Akoma Ntoso per edition, or
`manage.py export_library` on your own copy).
"""

api = NinjaAPI(
    title="Lawreader API",
    version="1",
    description=DESCRIPTION.format(rate=settings.LAWREADER_API_RATE),
    urls_namespace="api",
    docs_url="/docs/",
)
# Each law's answers are cached and revalidated exactly like its pages (web/page_cache.py), keyed by every parameter.
by_law_version = decorate_view(cached_by_law_version(EVERY_PARAMETER))
# What any operation may answer besides its result: a refused request (control characters, a bad cursor), an
# unknown law or edition, parameters of the wrong type, and the rate limit.
ERRORS = {400: schemas.Problem, 422: schemas.InvalidParameters, 429: schemas.Problem}
NOT_FOUND = {**ERRORS, 404: schemas.Problem}


@api.exception_handler(EditionNotFound)
def edition_not_found(request, error):
    return api.create_response(request, {"detail": error.message}, status=404)


def law_named(slug):
    law = Law.objects.filter(slug=slug).first()
    if law is None:
        raise HttpError(404, f"There is no law {slug!r}.")
    return law


def timeline_of(slug, lang):
    law = law_named(slug)
    return Timeline.of(law, lang or law.default_language)


def edition_data(request, revision, timeline):
    return edition_summary(revision, timeline, request.build_absolute_uri)


def edition_summary(revision, timeline, absolute):
    """An edition as the API and the library export describe it; `absolute(path)` makes its links addresses."""
    law = timeline.law
    html = reverse("reader:edition", args=[law.slug, revision.valid_from]) + language_query(revision.language, law)
    text = reverse("api:edition_text", kwargs={"slug": law.slug, "date": revision.valid_from})
    return {
        "language": revision.language,
        "valid_from": revision.valid_from,
        "valid_to": timeline.valid_to(revision),
        "in_force_certain": revision.in_force_certain,
        "in_force_basis": revision.in_force_basis,
        "label": revision.label,
        "title": revision.title,
        "source_note": revision.source_note,
        "amended_by": revision.amending_acts,
        "expression": revision.expression_uri,
        "links": {
            "html": absolute(html),
            "akn": absolute(revision.expression_uri),
            "tree": absolute(f"{text}?lang={revision.language}"),
        },
    }


@api.get("/laws", response={200: list[schemas.LawSummary], **ERRORS}, tags=["laws"])
@paginate(CursorPagination, ordering=("slug",), page_size=100)
def laws(request):
    """Every law in the library, by slug."""
    return Law.objects.all()


@api.get("/laws/{slug}", response={200: schemas.Law, **NOT_FOUND}, url_name="law", tags=["laws"])
@by_law_version
def law(request, slug: str):
    """A law and all its published editions, in every language."""
    law = law_named(slug)
    editions = []
    for language in Timeline.of(law, law.default_language).languages:
        timeline = Timeline.of(law, language)
        editions += [edition_data(request, revision, timeline) for revision in timeline.revisions]
    law.editions = editions
    return law


@api.get("/laws/{slug}/editions", response={200: list[schemas.Edition], **NOT_FOUND}, tags=["editions"])
@by_law_version
def editions(request, slug: str, lang: schemas.Language | None = None):
    """The law's editions in one language (by default its own), oldest first, each with the days it was in force."""
    timeline = timeline_of(slug, lang)
    return [edition_data(request, revision, timeline) for revision in timeline.revisions]


@api.get("/laws/{slug}/on/{date}", response={200: schemas.Edition, **NOT_FOUND}, tags=["editions"])
@by_law_version
def edition_on(request, slug: str, date: datetime.date, lang: schemas.Language | None = None):
    """The edition in force on a date."""
    timeline = timeline_of(slug, lang)
    return edition_data(request, edition_in_force(timeline, date), timeline)


TREE_FIELDS = ("depth", "eid", "kind", "number", "heading", "text", "content_hash")


def provision_tree(rows):
    """Nested provisions from (depth, eid, kind, number, heading, text, content_hash) rows in document order."""

    def make_node(row, _ancestors, children):
        return {**dict(zip(TREE_FIELDS[1:], row[1:], strict=True)), "children": children}

    return build(rows, lambda row: row[0], make_node)[0]


@api.get(
    "/laws/{slug}/on/{date}/text",
    response={200: schemas.EditionText, **NOT_FOUND},
    url_name="edition_text",
    tags=["text"],
)
@by_law_version
def edition_text(
    request,
    slug: str,
    date: datetime.date,
    lang: schemas.Language | None = None,
    eid: str | None = Query(None, max_length=200, description="One provision and everything in it (an eId)."),
):
    """The text of the edition in force on a date as a tree of provisions: the whole of it, or one provision's."""
    timeline = timeline_of(slug, lang)
    revision = edition_in_force(timeline, date)
    provisions = Provision.objects.of_revision(revision)
    if eid:
        provision = provisions.filter(eid=eid).first()
        if provision is None:
            raise eid_missing(revision, eid, date)
        provisions = Provision.objects.subtree(provision)
    return edition_text_data(revision, timeline, request.build_absolute_uri, provisions)


def edition_text_data(revision, timeline, absolute, provisions=None):
    """An edition (or of it, the `provisions` of one subtree) as the API's `text` answers it; the library export
    writes the same beside its Akoma Ntoso."""
    if provisions is None:
        provisions = Provision.objects.of_revision(revision)
    rows = list(provisions.values_list(*TREE_FIELDS))
    if not rows:
        raise EditionNotFound("This edition has no text yet.")
    return {"edition": edition_summary(revision, timeline, absolute), "provision": provision_tree(rows)}


@api.get("/laws/{slug}/on/{date}/provisions", response={200: list[schemas.ProvisionRow], **NOT_FOUND}, tags=["text"])
@by_law_version
@paginate(CursorPagination, ordering=("path",), page_size=500, max_page_size=5000)
def provisions(
    request,
    slug: str,
    date: datetime.date,
    lang: schemas.Language | None = None,
    kind: Literal[vocabulary.KINDS] | None = None,
):
    """The edition's provisions one after another, in document order, in pages with stable cursors."""
    revision = edition_in_force(timeline_of(slug, lang), date)
    provisions = Provision.objects.of_revision(revision).only(*TREE_FIELDS, "path")
    return provisions.filter(kind=kind) if kind else provisions


class NoteFilter(Schema):
    lang: schemas.Language | None = None
    eid: str | None = Field(None, max_length=200, description="Only notes on this provision and what is in it.")
    kind: str | None = Field(None, max_length=20)


def note_data(note):
    written_for = note.revision
    base = reverse("reader:edition", args=[written_for.law.slug, written_for.valid_from])
    quote = None
    if note.quote_exact:
        quote = {
            "exact": note.quote_exact,
            "prefix": note.quote_prefix,
            "suffix": note.quote_suffix,
            "start": note.quote_start,
        }
    return {
        "id": note.pk,
        "target_eid": note.target_eid,
        "kind": note.kind,
        "title": note.title,
        "body": note.body,
        "body_html": render_body(note.body, base),
        "quote": quote,
        "written_for": written_for.valid_from,
        "updated": note.updated,
    }


@api.get("/laws/{slug}/on/{date}/notes", response={200: list[schemas.Note], **NOT_FOUND}, tags=["notes"])
@by_law_version
def notes(request, slug: str, date: datetime.date, filters: Query[NoteFilter]):
    """The published notes a reader sees in the edition in force on a date (footnotes, commentary, cross-references,
    …), in document order."""
    revision = edition_in_force(timeline_of(slug, filters.lang), date)
    shown = notes_shown_in(revision, AnonymousUser(), [filters.kind] if filters.kind else None)
    if filters.eid:
        shown = shown.filter(Q(target_eid=filters.eid) | Q(target_eid__startswith=filters.eid + vocabulary.SEPARATOR))
    found = list(shown.select_related("revision__law"))
    found.sort(key=lambda note: (vocabulary.order_key(note.target_eid), note.position, note.pk))
    return [note_data(note) for note in found]


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=2000, description="Words, or a citation: 'Article 9-1', 'ст. 9'.")
    law: str | None = Field(None, max_length=50, description="A law's slug; all laws by default.")
    lang: schemas.Language | None = None
    edition: str | None = Field(
        None, max_length=10, description="'' for the editions in force today, 'all', or a date YYYY-MM-DD."
    )
    kind: str | None = Field(None, max_length=20, description="Only provisions of this kind.")
    within: Literal["all", "text", "annotations"] | None = Field(None, alias="in")
    offset: int = Field(0, ge=0, le=1000)
    limit: int = Field(20, ge=1, le=100)


@api.get("/search", response={200: schemas.SearchResults, **ERRORS}, tags=["search"])
def search(request, query: Query[SearchQuery]):
    """Words (ranked, with snippets) or a citation, with the same engine and filters as the search page."""
    form = SearchForm(
        {
            "q": query.q,
            "law": query.law or "",
            "language": query.lang or "",
            "edition": query.edition or "",
            "kind": query.kind or "",
            "within": query.within or "",
        }
    )
    if not form.is_valid():
        return Status(400, {"detail": "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())})
    plan = plan_search(form.cleaned_data)
    answer = {"query": query.q, "language": plan.language, "citation": None, "candidates": [], "total": 0}
    if plan.citation is not None:
        answer["citation"] = vocabulary.citation(plan.citation.eid(), plan.language)
        answer["candidates"] = [
            {
                "law": candidate.revision.law.slug,
                "edition": candidate.revision.valid_from,
                "eid": candidate.provision.eid,
                "label": vocabulary.citation(candidate.provision.eid, plan.language),
                "url": request.build_absolute_uri(candidate.url(plan.language, plan.as_of)),
            }
            for candidate in plan.candidates
        ]
    if answer["candidates"]:
        return {**answer, "results": []}
    found = search_words(plan, query.offset, query.limit)
    highlight = " ".join(found.query.highlight_words())
    results = [
        {
            "law": result.entry.revision.law.slug,
            "edition": result.entry.revision.valid_from,
            "language": result.entry.language,
            "eid": result.entry.eid,
            "note_id": result.entry.annotation_id,
            "title": result.title,
            "trail": result.trail,
            "snippet_html": result.snippet,
            "url": request.build_absolute_uri(entry_url(result.entry, result.entry.revision, highlight)),
        }
        for result in found.results
    ]
    return {**answer, "total": found.total, "results": results}


def act_data(act):
    return {
        "number": act.number,
        "adopted_on": act.adopted_on,
        "in_force_on": act.in_force_on,
        "entry_into_force": act.entry_into_force,
    }


def provision_data(node):
    if node is None:
        return None
    return {field: getattr(node, field) for field in ("eid", "kind", "number", "heading", "text", "content_hash")}


def change_data(change, effects_by_eid, with_unchanged):
    """A Change of compare/diff.py as JSON: word operations, the acts that explain it, and its children (only those
    with changes in them unless `with_unchanged`)."""
    children = [child for child in change.children if with_unchanged or child.has_changes]
    return {
        "eid": change.eid,
        "kind": change.kind,
        "status": change.status,
        "old": provision_data(change.old),
        "new": provision_data(change.new),
        "text_ops": [{"op": op.op, "text": op.text} for op in change.text_ops],
        "heading_ops": [{"op": op.op, "text": op.text} for op in change.heading_ops],
        "acts": [{**act_data(effect.act), "action": effect.action} for effect in effects_by_eid.get(change.eid, [])],
        "children": [change_data(child, effects_by_eid, with_unchanged) for child in children],
    }


@api.get("/laws/{slug}/compare/{first}/{second}", response={200: schemas.Comparison, **NOT_FOUND}, tags=["changes"])
@by_law_version
def compare(
    request,
    slug: str,
    first: datetime.date,
    second: datetime.date,
    lang: schemas.Language | None = None,
    unchanged: bool = Query(False, description="Include the provisions that did not change."),
):
    """What changed between the editions in force on two dates (in either order), provision by provision, word by
    word, with the amending acts that explain each change."""
    law = law_named(slug)
    timeline, older, newer = editions_to_compare(law, first, second, lang or law.default_language)
    result = compare_editions(older, newer, whole=unchanged)
    return {
        "older": edition_data(request, older, timeline),
        "newer": edition_data(request, newer, timeline),
        "counts": result.comparison.counts,
        "changes": change_data(result.comparison.root, result.effects_by_eid, unchanged),
    }


@api.get("/laws/{slug}/history/{eid}", response={200: schemas.History, **NOT_FOUND}, tags=["changes"])
@by_law_version
def history(request, slug: str, eid: str, lang: schemas.Language | None = None):
    """One provision through every edition: when it first appeared, each change, its removal."""
    if len(eid) > 200:
        raise HttpError(404, "No provision has so long an eId.")
    law = law_named(slug)
    timeline, entries = provision_history(law, eid, lang or law.default_language)
    return {
        "eid": eid,
        "entries": [
            {
                "edition": edition_data(request, entry.revision, timeline),
                "status": entry.status,
                "change": change_data(entry.change.root, {}, False) if entry.change else None,
                "notes": [note_data(note) for note in entry.notes],
                "cited_by": entry.citers,
            }
            for entry in entries
        ],
    }


@api.get("/laws/{slug}/acts", response={200: list[schemas.ActWithEffects], **NOT_FOUND}, tags=["changes"])
@by_law_version
def acts(request, slug: str):
    """The acts that amended the law, oldest first, each with what it did to which provision."""
    return [
        {
            **act_data(act),
            "effects": [
                {
                    "target_eid": effect.target_eid,
                    "action": effect.action,
                    "first_stated_in": effect.first_stated_in.valid_from,
                }
                for effect in act.effects.all()
            ],
        }
        for act in acts_of(law_named(slug))
    ]
