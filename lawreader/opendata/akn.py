"""An edition as an Akoma Ntoso 3.0 document (OASIS LegalDocML, validated against its schema by the tests): its FRBR
names, the amending acts it incorporates, every provision under the eid it is stored with, its footnotes, and on
request the notes readers see. Built in one pass over the edition's rows in path order, in a fixed number of
queries whatever its size; ingest/akn.py reads it back into the same tree, with the same names for each kind."""

from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth.models import AnonymousUser
from lxml import etree
from lxml.builder import ElementMaker

from lawreader import frbr
from lawreader.annotate.visibility import notes_shown_in
from lawreader.ingest.akn import (
    COUNTED_KINDS,
    ELEMENT_OF_KIND,
    HCONTAINER_OF_KIND,
    LINE_BREAK,
    NAMESPACE,
    PARAGRAPH_BREAK,
    printed_number,
)
from lawreader.references import LINK_REFERENCE
from lawreader.store.amendments import acts_incorporated, effects_of
from lawreader.store.models import Provision
from lawreader.store.models.annotations import AnnotationKind, AnnotationSource
from lawreader.store.outline import build
from lawreader.vocabulary import DOCUMENT, PREAMBLE
from lawreader.web.editions import long_date

CONTENT_TYPE = "application/akn+xml; charset=utf-8"
AKN = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})
LAWREADER = "lawreader"  # the eId of our organisation in <references>: the source of what we state
SOURCE = f"#{LAWREADER}"
PROVISION_FIELDS = ("depth", "kind", "number", "heading", "text", "eid", "links")
# Events of the lifecycle, as its eventRefs' refersTo name them.
ADOPTION = "adoption"
ENTRY_INTO_FORCE = "entryIntoForce"
EVENT_NAMES = {ADOPTION: "adoption", ENTRY_INTO_FORCE: "entry into force"}


def edition_document(revision, with_notes=False):
    """The published edition `revision` as an Akoma Ntoso document, UTF-8 bytes. Notes are those any reader sees
    (annotate/visibility.py), whoever asks: its footnotes always, its other notes `with_notes`."""
    law = revision.law
    work = law.work
    shown = notes_shown_in(revision, AnonymousUser())
    imported_footnotes = shown.filter(kind=AnnotationKind.AMENDMENT, source=AnnotationSource.IMPORT)
    footnotes = {}
    for note in imported_footnotes.order_by("target_eid", "position", "id"):
        footnotes.setdefault(note.target_eid, []).append(note)
    rows = Provision.objects.of_revision(revision).values_list(*PROVISION_FIELDS, named=True)
    [document] = build(rows.iterator(chunk_size=2000), attrgetter("depth"), ProvisionWriter(footnotes).element)
    editorial = shown.exclude(kind=AnnotationKind.AMENDMENT, source=AnnotationSource.IMPORT) if with_notes else None

    title = AKN.p(AKN.docTitle(revision.title or law.title), *document.notes)
    preface = AKN.preface(AKN.longTitle(title))
    if revision.source_note:  # "Unofficial English translation …": what the text is, stated with it
        preface.append(AKN.p(AKN.docStatus(revision.source_note), **{"class": "sourceNote"}))
    preamble = [part for part in document.parts if part.tag == qualified("preamble")]
    body = [part for part in document.parts if part.tag != qualified("preamble")]
    act = AKN.act(meta(revision, work, effects_of(law.pk), editorial), preface, *preamble, AKN.body(*body), name="act")
    if revision.signature:
        act.append(AKN.conclusions(*text_paragraphs(revision.signature)))
    root = AKN.akomaNtoso(act)
    # Footnotes are numbered as they are printed, through the document.
    for marker, note in enumerate(root.iter(qualified("authorialNote")), start=1):
        note.set("marker", str(marker))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qualified(name):
    return f"{{{NAMESPACE}}}{name}"


@dataclass
class DocumentParts:
    """The document row, built: its top-level provisions and its own footnotes (printed with the title)."""

    parts: list
    notes: list


class ProvisionWriter:
    """Each provision row as its element, once its children are built (store/outline.py's `build`)."""

    def __init__(self, footnotes):
        self.footnotes = footnotes  # eid → its imported footnotes, in order

    def element(self, row, _ancestors, children):
        notes = [
            footnote_element(note, f"{row.eid}__" if row.eid else "", position)
            for position, note in enumerate(self.footnotes.get(row.eid, ()), start=1)
        ]
        if row.kind == DOCUMENT:
            return DocumentParts(children, notes)
        own_text = text_paragraphs(row.text, row.links) if row.text else []
        if row.kind == PREAMBLE:
            return AKN.preamble(*with_notes(own_text, notes), eId=row.eid)
        if row.kind in HCONTAINER_OF_KIND:
            element = AKN.hcontainer(name=HCONTAINER_OF_KIND[row.kind], eId=row.eid)
        else:
            element = AKN(ELEMENT_OF_KIND[row.kind], eId=row.eid)
        if row.number and row.kind not in COUNTED_KINDS:
            element.append(AKN.num(printed_number(row.kind, row.number)))
        if row.heading:
            element.append(AKN.heading(row.heading, *notes))
        elif notes:
            own_text = with_notes(own_text, notes)
        if own_text:
            element.append(AKN.intro(*own_text) if children else AKN.content(*own_text))
        element.extend(children)
        return element


def with_notes(paragraphs, notes):
    """Footnotes stand at the end of their provision's heading, or else of its own text's last paragraph."""
    if notes:
        paragraphs = paragraphs or [AKN.p()]
        paragraphs[-1].extend(notes)
    return paragraphs


def footnote_element(note, eid_prefix, position):
    return AKN.authorialNote(
        *text_paragraphs(note.body), placement="bottom", eId=f"{eid_prefix}authorialNote_{position}"
    )


def text_paragraphs(text, links=()):
    """`text` as <p>s, one per paragraph, a <br/> at each line break, each reference to a provision of the edition
    a <ref> to its eid (ingest/akn.py reads the text back, character for character)."""
    references = sorted((start, end, eid) for start, end, kind, eid in links if kind == LINK_REFERENCE)
    paragraphs, offset = [], 0
    for paragraph_text in text.split(PARAGRAPH_BREAK):
        paragraph, written = AKN.p(), 0
        for start, end, eid in references:
            start, end = start - offset, end - offset
            if written <= start < end <= len(paragraph_text):
                append_text(paragraph, paragraph_text[written:start])
                reference = AKN.ref(href=f"#{eid}")
                append_text(reference, paragraph_text[start:end])
                paragraph.append(reference)
                written = end
        append_text(paragraph, paragraph_text[written:])
        paragraphs.append(paragraph)
        offset += len(paragraph_text) + len(PARAGRAPH_BREAK)
    return paragraphs


def append_text(element, text):
    """Add `text` at the end of `element`'s content, with a <br/> at each line break."""
    for position, line in enumerate(text.split(LINE_BREAK)):
        if position:
            element.append(AKN.br())
        if len(element):
            element[-1].tail = (element[-1].tail or "") + line
        else:
            element.text = (element.text or "") + line


def meta(revision, work, effects, editorial_notes):
    """<meta>: the FRBR identification, the lifecycle, the references they name and, if asked for, the notes."""
    law = revision.law
    expression = work.expression_uri(revision.language, revision.valid_from)
    acts = acts_incorporated(revision, effects)
    act_ids = {act.pk: f"amendingAct_{position}" for position, act in enumerate(acts, start=1)}
    number = frbr.work_number(law.number, "")
    identification = AKN.identification(
        AKN.FRBRWork(
            AKN.FRBRthis(value=f"{work.uri}/!main"),
            AKN.FRBRuri(value=work.uri),
            AKN.FRBRalias(value=law.title, name="title"),
            # Law.work is dated by the law's adoption, or where that is not recorded by its first edition.
            AKN.FRBRdate(date=work.date.isoformat(), name="adoption" if law.adopted_on else "first edition"),
            AKN.FRBRauthor(href=""),  # the enacting body is not recorded here
            AKN.FRBRcountry(value=work.country),
            *([AKN.FRBRnumber(value=number)] if number else []),
            AKN.FRBRname(value=law.short_title or law.title),
        ),
        AKN.FRBRExpression(
            AKN.FRBRthis(value=f"{expression}/!main"),
            AKN.FRBRuri(value=expression),
            AKN.FRBRdate(
                date=revision.valid_from.isoformat(),
                name="entry into force" if revision.in_force_certain else "earliest possible entry into force",
            ),
            AKN.FRBRauthor(href=""),  # who made this text (an official one, a translation): the preface's status
            AKN.FRBRlanguage(language=frbr.LANGUAGE_CODES_3[revision.language]),
        ),
        AKN.FRBRManifestation(
            AKN.FRBRthis(value=f"{expression}/!main.xml"),
            AKN.FRBRuri(value=f"{expression}.akn"),
            AKN.FRBRdate(date=revision.imported_at.date().isoformat(), name="stored"),
            AKN.FRBRauthor(href=SOURCE),
        ),
        source=SOURCE,
    )
    events = lifecycle_events(law, acts, act_ids)
    references = AKN.references(source=SOURCE)
    if law.adopted_on:
        references.append(AKN.original(eId="original", href=work.uri, showAs=law.title))
    for act in acts:
        references.append(AKN.passiveRef(eId=act_ids[act.pk], href=act_work(law, act).uri, showAs=act_name(act)))
    references.append(AKN.TLCOrganization(eId=LAWREADER, href="/ontology/organization/lawreader", showAs="Lawreader"))
    for event in sorted({event.get("refersTo").removeprefix("#") for event in events}):
        references.append(AKN.TLCEvent(eId=event, href=f"/ontology/event/{event}", showAs=EVENT_NAMES[event]))
    parts = [identification, *([lifecycle(events)] if events else []), references]
    if editorial_notes is not None:
        notes = [note_element(note) for note in editorial_notes.order_by("target_eid", "kind", "position", "id")]
        if notes:
            parts.append(AKN.notes(*notes, source=SOURCE))
    return AKN.meta(*parts)


def lifecycle_events(law, acts, act_ids):
    """The law's adoption, where recorded, and each amendment this edition incorporates, by date."""
    events = []
    if law.adopted_on:
        events.append(
            AKN.eventRef(
                date=law.adopted_on.isoformat(), source="#original", type="generation", refersTo=f"#{ADOPTION}"
            )
        )
    for act in acts:
        # An act's entry into force is stated only where it is known; an act whose date of entry into force
        # hangs on an unrecorded publication is dated by its adoption, and says so: no date is ever guessed.
        known = act.in_force_on is not None
        events.append(
            AKN.eventRef(
                date=(act.in_force_on if known else act.adopted_on).isoformat(),
                source=f"#{act_ids[act.pk]}",
                type="amendment",
                refersTo=f"#{ENTRY_INTO_FORCE if known else ADOPTION}",
            )
        )
    return sorted(events, key=lambda event: event.get("date"))


def lifecycle(events):
    element = AKN.lifecycle(*events, source=SOURCE)
    if any(event.get("type") == "amendment" and event.get("refersTo") == f"#{ADOPTION}" for event in events):
        element.insert(
            0,
            etree.Comment(
                " An amendment whose entry into force is not recorded here is dated by the amending act's adoption "
                f"(refersTo #{ADOPTION}); no date of entry into force is guessed. "
            ),
        )
    return element


def act_work(law, act):
    """The amending act's FRBR work, in the law's country. An act cited with no number is named "nn" (not
    numbered) in its place."""
    return frbr.Work(law.jurisdiction.lower(), act.adopted_on, frbr.work_number(act.number, "nn"))


def act_name(act):
    """ "No. 553-IV of 13 February 2012": the act as the footnotes cite it, in the document's fixed English."""
    number = f"No. {act.number} " if act.number else ""
    return f"{number}of {long_date(act.adopted_on)}"


def note_element(note):
    """An editorial note (Markdown, as written) in <notes>, placed by the provision it is about."""
    attributes = {"eId": f"note_{note.pk}", "class": note.kind}
    if note.title:
        attributes["title"] = note.title
    if note.target_eid:
        attributes["placementBase"] = note.target_eid
    return AKN.note(*text_paragraphs(note.body), **attributes)
