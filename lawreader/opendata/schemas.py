"""What the JSON API returns, as types: the OpenAPI schema is generated from these, and every response is checked
against them (schemathesis, in the tests)."""

import datetime
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

Language = Literal["en", "ru", "kk"]


class Problem(Schema):
    detail: str = Field(description="What is wrong, in words.")


class InvalidParameters(Schema):
    detail: list[dict[str, Any]] = Field(
        description="One entry per parameter that is not what the schema says: usually {loc, msg, type}, where loc "
        "names it (['path', 'date'], ['query', 'limit'])."
    )


class EditionLinks(Schema):
    html: str = Field(description="The edition on the site.")
    akn: str = Field(description="The edition as Akoma Ntoso 3.0 XML.")
    tree: str = Field(description="The edition's text as JSON (this API).")


class Edition(Schema):
    language: Language
    valid_from: datetime.date = Field(description="The day it came into force (or the earliest it can have).")
    valid_to: datetime.date | None = Field(description="Its last day in force; null while it still is.")
    in_force_certain: bool = Field(description="False when valid_from is only the earliest day it can have been.")
    in_force_basis: str
    label: str
    title: str
    source_note: str = Field(description="Where the text comes from; our English is an unofficial translation.")
    amended_by: list[str] = Field(description="The amending acts this edition incorporates, as printed.")
    expression: str = Field(description="The FRBR expression URI (Akoma Ntoso naming convention).")
    links: EditionLinks


class LawSummary(Schema):
    slug: str
    title: str
    short_title: str
    number: str
    jurisdiction: str
    adopted_on: datetime.date | None
    official_url: str = Field(description="The official text, where one is published (adilet.zan.kz).")
    default_language: Language
    work: str | None = Field(description="The FRBR work URI (Akoma Ntoso naming convention); null while undated.")
    html: str
    api: str

    @staticmethod
    def resolve_work(law):
        work = law.work
        return work.uri if work else None

    @staticmethod
    def resolve_html(law, context):
        return context["request"].build_absolute_uri(law.get_absolute_url())

    @staticmethod
    def resolve_api(law, context):
        return context["request"].build_absolute_uri(reverse("api:law", kwargs={"slug": law.slug}))


class Law(LawSummary):
    editions: list[Edition] = Field(description="Every published edition, in every language, oldest first.")


class Provision(Schema):
    eid: str = Field(description="Akoma Ntoso eId: stable across editions, unique within one.")
    kind: str
    number: str = Field(description="As printed: '9-1', 'XVI'.")
    heading: str
    text: str
    content_hash: str = Field(description="A hash of the provision and everything in it: equal means unchanged.")


class ProvisionRow(Provision):
    depth: int = Field(description="1 for the document; a provision's children are one deeper.")


class ProvisionTree(Provision):
    children: list["ProvisionTree"]


class EditionText(Schema):
    edition: Edition
    provision: ProvisionTree


class Quote(Schema):
    exact: str
    prefix: str
    suffix: str
    start: int | None


class Note(Schema):
    id: int
    target_eid: str = Field(description="The provision it is about; empty for the whole law.")
    kind: str
    title: str
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="The body rendered and sanitized.")
    quote: Quote | None = Field(description="The words of the provision it is about, if it names some.")
    written_for: datetime.date = Field(description="The edition it was written against.")
    updated: datetime.datetime


class Act(Schema):
    number: str
    adopted_on: datetime.date
    in_force_on: datetime.date | None = Field(description="null when the footnotes do not state it.")
    entry_into_force: str = Field(description="How it came into force, as far as it is known.")


class Effect(Schema):
    target_eid: str
    action: str
    first_stated_in: datetime.date = Field(description="The first edition whose footnotes state it.")


class ActWithEffects(Act):
    effects: list[Effect]


class ActEffect(Act):
    action: str


class WordOp(Schema):
    op: Literal["equal", "insert", "delete"]
    text: str


class Change(Schema):
    eid: str
    kind: str
    status: Literal["inserted", "deleted", "changed", "moved", "unchanged"]
    old: Provision | None
    new: Provision | None
    text_ops: list[WordOp] = Field(description="Word-level operations from the old text to the new; empty if equal.")
    heading_ops: list[WordOp]
    acts: list[ActEffect] = Field(description="The amending acts that explain the change, from the footnotes.")
    children: list["Change"]


class Comparison(Schema):
    older: Edition
    newer: Edition
    counts: dict[str, int] = Field(description="Provisions inserted, deleted, changed and moved.")
    changes: Change


class HistoryEntry(Schema):
    edition: Edition
    status: Literal["first", "changed", "unchanged", "removed", "absent"]
    change: Change | None = Field(description="Against the edition before; null for the first and when absent.")
    notes: list[Note] = Field(description="The footnotes of this edition on it.")
    cited_by: list[str] = Field(description="The eids of this edition's provisions that refer to it.")


class History(Schema):
    eid: str
    entries: list[HistoryEntry]


class SearchResult(Schema):
    law: str
    edition: datetime.date
    language: Language
    eid: str
    note_id: int | None
    title: str
    trail: str
    snippet_html: str = Field(description="The matching words in <mark>, the rest escaped.")
    url: str


class CitedProvision(Schema):
    law: str
    edition: datetime.date
    eid: str
    label: str
    url: str


class SearchResults(Schema):
    query: str
    language: Language
    citation: str | None = Field(description="The query read as a citation, if it is one.")
    candidates: list[CitedProvision] = Field(description="The provisions the citation can mean.")
    total: int = Field(description="Matches counted, at most 1001: more means 'more than 1000'.")
    results: list[SearchResult]
