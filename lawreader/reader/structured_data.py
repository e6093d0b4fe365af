"""schema.org `Legislation` for edition and provision pages (JSON-LD in the page head): what search engines and
legal-information crawlers read about the law, the edition and its force, and — for our English — that it is an
unofficial translation of the official text."""

import json

from django.urls import reverse

from lawreader import vocabulary

SCHEMA = "https://schema.org/"
# Kazakhstan publishes its laws in Kazakh (the state language) and Russian; any other language is a translation.
OFFICIAL_LANGUAGES = {"KZ": ("kk", "ru")}
JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def is_translation(law, language):
    return language not in OFFICIAL_LANGUAGES.get(law.jurisdiction, (language,))


def legislation(request, law, revision, in_force, provision, parts, language_query=""):
    """The JSON-LD of the edition (provision None) or of one provision in it, with its parts (provisions)."""
    edition_url = reverse("reader:edition", args=[law.slug, revision.valid_from])

    def page(eid):
        return request.build_absolute_uri(
            f"{edition_url}{eid}/{language_query}" if eid else edition_url + language_query
        )

    whole = provision is None
    work = law.work
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page("" if whole else provision.eid),
        "url": page("" if whole else provision.eid),
        "name": (revision.title or law.title) if whole else f"{provision.label}. {provision.heading}".strip(". "),
        "legislationIdentifier": law.number or work.uri,
        "identifier": revision.expression_uri + ("" if whole else f"/~{provision.eid}"),
        "legislationType": "Law",
        "legislationJurisdiction": law.jurisdiction,
        "legislationDate": law.adopted_on.isoformat() if law.adopted_on else None,
        "legislationDateVersion": revision.valid_from.isoformat(),
        "legislationLegalForce": SCHEMA + ("InForce" if in_force else "NotInForce"),
        "legislationConsolidates": [{"@type": "Legislation", "name": act} for act in revision.amending_acts],
        "inLanguage": revision.language,
        "isBasedOn": law.official_url or request.build_absolute_uri(work.uri),
        "hasPart": [
            {"@type": "Legislation", "@id": page(part.eid), "name": part.label}
            for part in parts
            if part.kind in vocabulary.HEADED_KINDS
        ],
    }
    if not whole:
        data["isPartOf"] = {"@type": "Legislation", "@id": page(""), "name": revision.title or law.title}
    if is_translation(law, revision.language):
        data["legislationLegalValue"] = SCHEMA + "UnofficialLegalValue"
        data["translationOfWork"] = {"@id": law.official_url or request.build_absolute_uri(work.uri)}
        data["description"] = revision.source_note
    return {name: value for name, value in data.items() if value not in (None, [], "")}


def as_script(data):
    """The JSON for a <script type="application/ld+json"> block: nothing in it can close the element."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)
