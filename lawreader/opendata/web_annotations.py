"""A law's notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD out and back in.

Out: published notes, never a draft — a law's (those of its published editions, as its feed has them) or an
edition's (those the one rule, annotate/visibility.py, shows any reader in it) — each targeting the provision in
the edition it was written for — its page, its eid (FragmentSelector), the words it quotes
(TextQuoteSelector, and TextPositionSelector counted in the provision's own text) — with that edition as the
target's state: its FRBR expression and the day it came into force.

In: such a collection, ours or another Lawreader's, read back as drafts for an editor to publish — all of a file or
none of it. Each note goes to the edition its state names (or the one in force that day), to the provision of its
eid, with its quote found again in that wording (annotate/anchoring.py).
"""

import datetime
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse

from lawreader import frbr
from lawreader.annotate.anchoring import Selector, anchor, selector_for
from lawreader.annotate.visibility import notes_shown_in
from lawreader.opendata.feeds import published_notes
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.annotations import AnnotationKind, AnnotationSource, AnnotationStatus
from lawreader.store.timeline import Timeline
from lawreader.web.editions import place_url, with_language

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTENT_TYPE = f'application/ld+json; profile="{CONTEXT}"'
HTML_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3986"  # what a FragmentSelector on an HTML page conforms to
# What a note is, in the model's motivations: footnotes and definitions describe the provision, cross-references
# link it to another, and the rest comment on it.
MOTIVATIONS = {
    AnnotationKind.AMENDMENT: "describing",
    AnnotationKind.DEFINITION: "describing",
    AnnotationKind.CROSS_REFERENCE: "linking",
}
COMMENTING = "commenting"
# Our kind of note, as the body's genre (schema.org, a prefix the model's context declares): motivations are too
# few to tell a footnote from a definition, and which kinds stay with their edition depends on it.
GENRE = "schema:genre"
MARKDOWN = "text/markdown"


def motivation(kind):
    return MOTIVATIONS.get(kind, COMMENTING)


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=1)


# Out


def law_collection(law, absolute):
    """Every published note of `law`'s published editions (as its feed has them). `absolute` turns a path into an
    address."""
    address = absolute(reverse("law_annotations", args=[law.slug]))
    return collection(law, published_notes().filter(law=law), address, law.title, absolute)


def edition_collection(law, revision, absolute):
    """The notes a reader sees in `revision`, each as it is in the law's collection."""
    path = reverse("edition_annotations", args=[law.slug, revision.valid_from])
    label = f"{revision.title or law.title} ({revision.valid_from:%Y-%m-%d})"
    address = absolute(with_language(path, revision.language, law))
    return collection(law, notes_shown_in(revision, None), address, label, absolute)


def collection(law, notes, address, label, absolute):
    work = law.work
    notes = notes.select_related("revision__law").order_by(
        "revision__language", "revision__valid_from", "target_eid", "position", "id"
    )
    items = [annotation(note, work, absolute) for note in notes]
    page = {"id": f"{address}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    result = {"@context": CONTEXT, "id": address, "type": "AnnotationCollection", "label": label, "total": len(items)}
    return {**result, "first": page} if items else result


def annotation(note, work, absolute):
    edition = note.revision
    source = absolute(place_url(edition, note.target_eid))
    body = {
        "type": "TextualBody",
        "format": MARKDOWN,
        "language": edition.language,  # notes are written in the language of the edition they are written for
        "value": note.body,
        GENRE: note.kind,
    }
    if note.title:
        body["label"] = note.title
    state = {
        "id": absolute(work.expression_uri(edition.language, edition.valid_from)),
        "type": "TimeState",
        "sourceDate": timestamp(datetime.datetime.combine(edition.valid_from, datetime.time(), datetime.UTC)),
    }
    target = {"source": source, "state": state}
    if note.target_eid:
        target["selector"] = selectors(note)
    return {
        "id": absolute(place_url(edition, note.target_eid, f"note-{note.pk}")),
        "type": "Annotation",
        "motivation": motivation(note.kind),
        "created": timestamp(note.created),
        "modified": timestamp(note.updated),
        "creator": {"id": absolute("/"), "type": "Organization", "name": "Lawreader"},
        "body": body,
        "target": target,
    }


def selectors(note):
    found = [{"type": "FragmentSelector", "conformsTo": HTML_FRAGMENTS, "value": note.target_eid}]
    if note.quote_exact:
        found.append(
            {
                "type": "TextQuoteSelector",
                "exact": note.quote_exact,
                "prefix": note.quote_prefix,
                "suffix": note.quote_suffix,
            }
        )
        if note.quote_start is not None:
            end = note.quote_start + len(note.quote_exact)
            found.append({"type": "TextPositionSelector", "start": note.quote_start, "end": end})
    return found


def timestamp(moment):
    """xsd:dateTime in UTC, as the model asks: "2014-04-18T00:00:00Z"."""
    return f"{moment.astimezone(datetime.UTC):%Y-%m-%dT%H:%M:%SZ}"


# In


class AnnotationFileError(ValueError):
    """What is wrong with a file, and where in it: "$.first.items[3].body.value: expected text"."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class IncomingNote:
    path: str  # where the annotation is in the file, to name it in messages
    kind: str
    title: str
    body: str
    eid: str
    quote: Selector | None
    language: str | None  # the edition's, from its expression; None: the law's own language
    date: datetime.date


@dataclass
class ImportReport:
    law: str
    created: int = 0
    skipped: list = field(default_factory=list)  # (path, why)
    warnings: list = field(default_factory=list)

    def __str__(self):
        lines = [f"{self.law}: {self.created} notes imported as drafts; {len(self.skipped)} already held, skipped."]
        lines += [f"  skipped {path}: {why}" for path, why in self.skipped]
        lines += [f"  note {path}: {warning}" for path, warning in self.warnings]
        return "\n".join(lines)


def import_collection(law, data):
    """Create the notes of `data` (a parsed JSON file) as drafts of `law`, or raise AnnotationFileError and create
    none."""
    incoming = read_annotations(data)
    report = ImportReport(law.slug)
    with transaction.atomic():
        held = set(Annotation.objects.filter(law=law).values_list("revision_id", "target_eid", "body", "quote_exact"))
        editions, provisions, created = {}, {}, []
        for note in incoming:
            key = (note.language or law.default_language, note.date)
            if key not in editions:
                editions[key] = edition_for(law, *key, path=note.path)
            edition = editions[key]
            if (edition.pk, note.eid) not in provisions:
                provisions[edition.pk, note.eid] = provision_for(edition, note)
            provision = provisions[edition.pk, note.eid]
            quote = requote(provision, note, report)
            identity = (edition.pk, note.eid, note.body, quote.exact if quote else "")
            if identity in held:
                report.skipped.append((note.path, f"the same note on {note.eid or 'the law'} is already held"))
                continue
            held.add(identity)
            created.append(draft(law, edition, provision, note, quote))
        Annotation.objects.bulk_create(created)
    report.created = len(created)
    return report


def edition_for(law, language, date, path):
    """The edition named (its language and date), else the published one in force on that date."""
    named = Revision.objects.filter(law=law, language=language, valid_from=date).first()
    edition = named or Timeline.of(law, language).in_force_on(date)
    if edition is None:
        raise AnnotationFileError(f"{path}.target.state", f"{law.slug} has no edition in {language} in force on {date}")
    return edition


def provision_for(edition, note):
    provision = Provision.objects.of_revision(edition).filter(eid=note.eid).first()
    if provision is None:
        raise AnnotationFileError(
            f"{note.path}.target.selector", f"the edition of {edition.valid_from} has no provision {note.eid!r}"
        )
    return provision


def requote(provision, note, report):
    """The quote as it reads in this provision: found again where the wording differs; kept as given (and shown to
    readers as no longer found) when it is not there at all."""
    if note.quote is None:
        return None
    found = anchor(provision.text, note.quote)
    if found is None:
        report.warnings.append((note.path, f"the quoted words are not in {note.eid}; kept as given"))
        return note.quote
    return selector_for(provision.text, found.start, found.end)


def draft(law, edition, provision, note, quote):
    quoted = {}
    if quote is not None:
        quoted = {
            "quote_exact": quote.exact,
            "quote_prefix": quote.prefix[-64:],
            "quote_suffix": quote.suffix[:64],
            "quote_start": quote.start,
        }
    return Annotation(
        law=law,
        revision=edition,
        target_eid=note.eid,
        kind=note.kind,
        title=note.title,
        body=note.body,
        status=AnnotationStatus.DRAFT,
        source=AnnotationSource.EDITOR,
        content_hash=provision.content_hash,
        **quoted,
    )


# Reading a file: every problem named by its JSON path.


def read_annotations(data):
    """The annotations of a collection (its first page), of a page, a list, or one annotation."""
    if isinstance(data, list):
        return [read_annotation(item, f"$[{index}]") for index, item in enumerate(data)]
    kinds = types(data, "$")
    if "Annotation" in kinds:
        return [read_annotation(data, "$")]
    if "AnnotationCollection" in kinds:
        if "first" not in data:
            return []
        page, path = data["first"], "$.first"
        if not isinstance(page, dict):
            raise AnnotationFileError(path, "expected the page itself, not its address")
        if "next" in page:
            raise AnnotationFileError(f"{path}.next", "only a collection whose notes are all on its first page is read")
    elif "AnnotationPage" in kinds:
        page, path = data, "$"
    else:
        raise AnnotationFileError("$.type", "expected an AnnotationCollection, an AnnotationPage or an Annotation")
    items = page.get("items")
    if not isinstance(items, list):
        raise AnnotationFileError(f"{path}.items", "expected a list of annotations")
    return [read_annotation(item, f"{path}.items[{index}]") for index, item in enumerate(items)]


def read_annotation(data, path):
    if "Annotation" not in types(data, path):
        raise AnnotationFileError(f"{path}.type", "expected an Annotation")
    body = textual_body(data, path)
    target = member(data, "target", dict, path)
    eid, quote = read_selectors(target, f"{path}.target")
    language, date = read_state(target, f"{path}.target")
    genre = body.get(GENRE)
    if genre in AnnotationKind.values:
        kind = genre
    else:
        kind = AnnotationKind.CROSS_REFERENCE if data.get("motivation") == "linking" else AnnotationKind.COMMENTARY
    title = body.get("label", "")
    if not isinstance(title, str) or len(title) > Annotation._meta.get_field("title").max_length:
        raise AnnotationFileError(f"{path}.body.label", "expected a title of at most 300 characters")
    return IncomingNote(path, kind, title, member(body, "value", str, f"{path}.body"), eid, quote, language, date)


def types(data, path):
    if not isinstance(data, dict):
        raise AnnotationFileError(path, "expected an object")
    kinds = data.get("type", [])
    return {kinds} if isinstance(kinds, str) else set(kinds) if isinstance(kinds, list) else set()


def member(data, name, kind, path):
    value = data.get(name)
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        expected = {str: "text", dict: "an object", list: "a list", int: "a whole number"}[kind]
        raise AnnotationFileError(f"{path}.{name}", f"expected {expected}")
    return value


def textual_body(data, path):
    body = data.get("body")
    if isinstance(body, list):  # several bodies: the note is its textual one
        body = next((item for item in body if isinstance(item, dict) and item.get("type") == "TextualBody"), None)
    if not isinstance(body, dict) or body.get("type") != "TextualBody":
        raise AnnotationFileError(f"{path}.body", "expected a TextualBody")
    return body


def read_selectors(target, path):
    """The eid (FragmentSelector; none: the law as a whole) and the quote (TextQuoteSelector, with the start of a
    TextPositionSelector)."""
    found = target.get("selector", [])
    found = [found] if isinstance(found, dict) else found
    if not isinstance(found, list):
        raise AnnotationFileError(f"{path}.selector", "expected a selector or a list of them")
    by_type = {}
    for index, selector in enumerate(found):
        by_type.setdefault(next(iter(types(selector, f"{path}.selector[{index}]")), ""), (index, selector))
    eid = ""
    if "FragmentSelector" in by_type:
        index, selector = by_type["FragmentSelector"]
        eid = member(selector, "value", str, f"{path}.selector[{index}]")
    quote = None
    if "TextQuoteSelector" in by_type:
        index, selector = by_type["TextQuoteSelector"]
        where = f"{path}.selector[{index}]"
        exact = member(selector, "exact", str, where)
        prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            raise AnnotationFileError(where, "expected text for prefix and suffix")
        quote = Selector(exact, prefix, suffix, quote_start(by_type, path))
    return eid, quote


def quote_start(by_type, path):
    if "TextPositionSelector" not in by_type:
        return None
    index, selector = by_type["TextPositionSelector"]
    start = selector.get("start")
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise AnnotationFileError(f"{path}.selector[{index}].start", "expected a whole number, 0 or more")
    return start


def read_state(target, path):
    """The edition the note was written for: the expression its state names, else the state's date in the law's
    own language."""
    state = target.get("state")
    state = state[0] if isinstance(state, list) and state else state
    if not isinstance(state, dict):
        raise AnnotationFileError(f"{path}.state", "expected a TimeState naming the edition")
    named = frbr.expression_of(state["id"]) if isinstance(state.get("id"), str) else None
    if named:
        return named
    source_date = state.get("sourceDate")
    try:
        return None, datetime.datetime.fromisoformat(source_date).date()
    except (TypeError, ValueError):
        raise AnnotationFileError(
            f"{path}.state.sourceDate", "expected the edition's date (xsd:dateTime) or its expression as the id"
        ) from None
