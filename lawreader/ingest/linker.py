"""An edition's own links, worked out once when it is stored: its references resolved to its provisions, its
defined terms linked to their definitions, and for each provision what cites it (pure Python).

The rows are the edition's provisions in document order — anything with eid, kind, heading, text and depth — so
the importer links the rows it is about to insert and `ingest.links` re-links stored ones. Editors' corrections
(`Correction`) are applied to a provision only while its text is the text they were made for.
"""

import dataclasses
import hashlib
from dataclasses import dataclass, field

from lawreader import vocabulary
from lawreader.acts_cited import acts_cited
from lawreader.definitions import (
    Definition,
    TermFinder,
    is_definitions_heading,
    is_lead_in,
    scope_of_lead_in,
    term_defined_in,
)
from lawreader.references import LINK_ACT as ACT
from lawreader.references import LINK_EXTERNAL as EXTERNAL
from lawreader.references import LINK_MISSING as MISSING
from lawreader.references import LINK_REFERENCE as REFERENCE
from lawreader.references import LINK_TERM as TERM
from lawreader.references import Citing, Resolver, find_references, is_amending_instruction

# Bumped whenever what the linker finds changes, so stored editions are linked again (`link_references`).
LINKER_VERSION = 1

SUPPRESS = "suppress"
ADD = "add"


def text_hash(text):
    """What a correction remembers of the text it was made for."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Correction:
    """An editor's correction of one provision's links: SUPPRESS the link on `phrase`, or ADD one from the first
    occurrence of `phrase` to `target_eid`."""

    eid: str
    text_hash: str
    action: str
    phrase: str
    target_eid: str = ""


@dataclass
class EditionLinks:
    links: dict = field(default_factory=dict)  # eid → [[start, end, kind, target], …] in text order
    cited_by: dict = field(default_factory=dict)  # eid → eids of the provisions that refer to it, in document order
    definitions: list = field(default_factory=list)  # [{"eid", "term", "text"}]: what a term's popover shows
    cited_acts: list = field(default_factory=list)  # keys of the acts it names that the library does not hold


def link_edition(rows, language, corrections=(), library=None):
    """The edition's links. `library` maps act keys ("act:379-IV", "title:…") to the slugs of the laws held."""
    library = library or {}
    rows = list(rows)
    contexts = citing_contexts(rows)
    resolver = Resolver(row.eid for row in rows)
    definitions = definitions_of(rows, contexts)
    finder = TermFinder(definitions, language)
    defining = {definition.eid for definition in definitions}
    corrections_by_eid = {}
    for correction in corrections:
        corrections_by_eid.setdefault(correction.eid, []).append(correction)
    result = EditionLinks(definitions=[{"eid": item.eid, "term": item.term, "text": item.text} for item in definitions])
    amending = amending_scopes(rows, contexts)
    for row in rows:
        if not row.text:
            continue
        citing = contexts[row.eid]
        links = references_in(row.text, language, citing, resolver, row.eid in amending)
        links = with_acts(row.text, language, links, library)
        taken = [(start, end) for start, end, _kind, _target in links]
        uses = finder.uses(row.text, row.eid, citing.article, taken)
        links += [[use.start, use.end, TERM, use.definition.eid] for use in uses]
        links = corrected(row, links, corrections_by_eid.get(row.eid, ()), resolver, defining)
        result.cited_acts.extend(target for _s, _e, kind, target in links if kind == EXTERNAL and target)
        if links:
            result.links[row.eid] = sorted(links)
            for _start, _end, kind, target in links:
                if kind == REFERENCE and target != row.eid:
                    cited = result.cited_by.setdefault(target, [])
                    if row.eid not in cited:
                        cited.append(row.eid)
    result.cited_acts = sorted(set(result.cited_acts))
    return result


def with_acts(text, language, links, library):
    """The other acts the text names, linked when the library holds them; a provision cited of an act named right
    beside it ("статьи 44 Конституции Республики Казахстан", "Кодексінің 44-бабы") leads into that act, and
    otherwise stays marked with that act's key."""
    acts = acts_cited(text, language)
    combined = []
    for start, end, kind, target in links:
        if kind == EXTERNAL:
            act = next((act for act in acts if beside(text, (start, end), (act.start, act.end))), None)
            slug = library.get(act.key) if act else None
            kind, target = (ACT, f"{slug}/{target}") if slug and target else (EXTERNAL, act.key if act else "")
        combined.append([start, end, kind, target])
    for act in acts:
        if not any(act.start < end and start < act.end for start, end, _kind, _target in combined):
            slug = library.get(act.key)
            combined.append([act.start, act.end, ACT if slug else EXTERNAL, slug or act.key])
    return combined


def beside(text, first, second):
    """Are two spans next to each other, with nothing but spaces between?"""
    earlier, later = sorted([first, second])
    return not text[earlier[1] : later[0]].strip()


def references_in(text, language, citing, resolver, amending=False):
    links = []
    for found in find_references(text, language):
        if found.target.external or amending:
            # Kept with the eid it would have in that act, for when the act beside it is in the library.
            links.append([found.start, found.end, EXTERNAL, resolver.eid_in_another_act(found.target)])
            continue
        eid, exists = resolver.resolve(found.target, citing)
        if eid is not None:
            links.append([found.start, found.end, REFERENCE if exists else MISSING, eid])
    return links


def amending_scopes(rows, contexts):
    """The eids whose references are to another act: an amending instruction and what follows it in its article
    (or, in an act without articles, in the rest of the act)."""
    scoped, scope = set(), None  # scope: the article (or "" for the whole act) the instruction governs
    for row in rows:
        article = contexts[row.eid].article
        if scope is not None and scope != "" and article != scope:
            scope = None
        if scope is None and row.text and is_amending_instruction(row.text):
            scope = article
        if scope is not None:
            scoped.add(row.eid)
    return scoped


# The kinds of provision a Citing names, by its field.
CITING_FIELDS = {
    vocabulary.ARTICLE: "article",
    vocabulary.PART: "part",
    vocabulary.CHAPTER: "chapter",
    vocabulary.SECTION: "section",
    vocabulary.ATTACHMENT: "attachment",
}


def citing_contexts(rows):
    """Each row's Citing: the article, part, chapter, section and attachment it stands in (the innermost of each)."""
    contexts, stack = {}, []  # stack: (depth, Citing) down the current branch
    for row in rows:
        while stack and stack[-1][0] >= row.depth:
            stack.pop()
        citing = stack[-1][1] if stack else Citing()
        field_name = CITING_FIELDS.get(row.kind)
        if field_name:
            citing = dataclasses.replace(citing, **{field_name: row.eid})
        stack.append((row.depth, citing))
        contexts[row.eid] = citing
    return contexts


def definitions_of(rows, contexts):
    """The terms the edition defines: the items of an article of definitions, and the items after a lead-in."""
    definitions = []
    definitions_article, lead_in = "", None  # lead_in: (the lead-in row, the scope of its definitions)
    for row in rows:
        article = contexts[row.eid].article
        if row.kind == vocabulary.ARTICLE:
            definitions_article = row.eid if is_definitions_heading(row.heading) else ""
            lead_in = None
        if lead_in is not None and not within_lead_in(row, lead_in[0]):
            lead_in = None
        if row.text and is_lead_in(row.text) and row.kind != vocabulary.ITEM:
            lead_in = (row, scope_of_lead_in(row.text, article))
            continue
        if row.kind not in (vocabulary.ITEM, vocabulary.PART) or not (
            lead_in or (definitions_article and definitions_article == article)
        ):
            continue
        term = term_defined_in(row.text)
        if term:
            scope = lead_in[1] if lead_in else ""
            definitions.append(Definition(term=term, eid=row.eid, text=row.text, scope=scope))
    return definitions


def within_lead_in(row, lead_in):
    """Definitions follow their lead-in: as its children, or as its siblings in the same provision."""
    parent = vocabulary.parent_eid(lead_in.eid)
    return vocabulary.is_within(row.eid, lead_in.eid) or (parent and vocabulary.is_within(row.eid, parent))


def corrected(row, links, corrections, resolver, defining):
    """The links an editor has corrected, while the text is the one the correction was made for."""
    if not corrections:
        return links
    current = text_hash(row.text)
    for correction in corrections:
        if correction.text_hash != current:
            continue
        if correction.action == SUPPRESS:
            links = [link for link in links if row.text[link[0] : link[1]] != correction.phrase]
            continue
        start = row.text.find(correction.phrase)
        if start < 0:
            continue
        end = start + len(correction.phrase)
        links = [link for link in links if not (link[0] < end and start < link[1])]
        target = correction.target_eid
        kind = TERM if target in defining else REFERENCE if target in resolver.eids else MISSING
        links.append([start, end, kind, target])
    return links
