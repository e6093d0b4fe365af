"""FRBR names of works and expressions, as the Akoma Ntoso naming convention (OASIS, AKN-NC 1.0) builds them:
the work `/akn/kz/act/2010-05-22/277-IV`, its expression in English as amended up to 18 April 2014
`/akn/kz/act/2010-05-22/277-IV/eng@2014-04-18`. Pure: the API, the feeds, the structured data and the Akoma Ntoso
documents all name an edition the same way, here."""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# The convention names languages by their ISO 639-2 (three-letter) codes.
LANGUAGE_CODES_3 = {"en": "eng", "ru": "rus", "kk": "kaz"}
LANGUAGE_CODES_2 = {three: two for two, three in LANGUAGE_CODES_3.items()}
# A component of a work's name: what a number prints ("277-IV", "1-I") or a slug, never a "/" or "@".
COMPONENT = re.compile(r"^[\w.\-]+$")


@dataclass(frozen=True)
class Work:
    country: str  # ISO 3166-1 alpha-2, lower case ("kz")
    date: datetime.date
    number: str
    doctype: str = "act"

    @property
    def uri(self):
        return f"/akn/{self.country}/{self.doctype}/{self.date:%Y-%m-%d}/{self.number}"

    def expression_uri(self, language, edition_date):
        return f"{self.uri}/{LANGUAGE_CODES_3.get(language, language)}@{edition_date:%Y-%m-%d}"


def work_number(printed_number, fallback):
    """The number component: "No. 277-IV" → "277-IV"; a law with no number is named by `fallback` (its slug)."""
    number = re.sub(r"^(?:No\.|№|N)\s*", "", printed_number.strip())
    return number if number and COMPONENT.match(number) else fallback


def language_of(code):
    """ "eng" → "en"; None for a language the library does not hold."""
    return LANGUAGE_CODES_2.get(code)


# The language and date that end an expression's name, in a path or a whole address.
EXPRESSION_END = re.compile(r"/(?P<language>[a-z]{3})@(?P<date>\d{4}-\d{2}-\d{2})/?$")


def expression_of(uri):
    """(language, date) an expression URI names — ".../277-IV/eng@2014-04-18" → ("en", 2014-04-18) — or None for
    anything else or a language the library does not hold."""
    match = EXPRESSION_END.search(urlsplit(uri).path)
    language = match and language_of(match["language"])
    if not language:
        return None
    try:
        return language, datetime.date.fromisoformat(match["date"])
    except ValueError:
        return None
