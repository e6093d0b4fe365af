"""Dates as laws and their readers write them, in English, Russian and Kazakh. Pure Python, no Django.

"2016-01-01", "01.01.2016", "2016.01.01", "1 January 2016", "1 января 2016 года", "2016 жылғы 1 қаңтар": the
official texts, their footnotes and readers' citations ("Article 9 as of 1 January 2016") all use these forms.
"""

import datetime
import re
from dataclasses import dataclass

# Month stems: a Russian month is declined ("мая", "марта"), a Kazakh one takes endings ("мамырдағы").
MONTHS = {
    "en": ("january", "february", "march", "april", "may", "june",
           "july", "august", "september", "october", "november", "december"),
    "ru": ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
           "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"),
}  # fmt: skip

MONTH_WORD = r"[a-zа-яёәғқңөұүһі]+"
DATE_RE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<dmy>(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4}))"
    r"|(?P<ymd>(?P<yy>\d{4})\.(?P<ym>\d{1,2})\.(?P<yd>\d{1,2}))"
    rf"|(?P<kazakh>(?P<ky>\d{{4}})\s*жылғы\s+(?P<kd>\d{{1,2}})\s+(?P<km>{MONTH_WORD}))"
    rf"|(?P<worded>(?P<wd>\d{{1,2}})\s+(?P<wm>{MONTH_WORD})\s+(?P<wy>\d{{4}})(?:\s*(?:года|г\.))?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date
    start: int
    end: int


def month_of(word):
    """1–12 for a month's name in any of the languages (the longest stem wins: "ма" must not take "март")."""
    word = word.lower()
    stems = sorted(
        ((stem, number) for names in MONTHS.values() for number, stem in enumerate(names, start=1)),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    return next((number for stem, number in stems if word.startswith(stem)), None)


def find_dates(text):
    """Every real date in `text`, in order."""
    found = []
    for matched in DATE_RE.finditer(text):
        if matched["iso"]:
            parts = (matched["iy"], matched["im"], matched["id"])
        elif matched["dmy"]:
            parts = (matched["dy"], matched["dm"], matched["dd"])
        elif matched["ymd"]:
            parts = (matched["yy"], matched["ym"], matched["yd"])
        elif matched["kazakh"]:
            parts = (matched["ky"], month_of(matched["km"]), matched["kd"])
        else:
            parts = (matched["wy"], month_of(matched["wm"]), matched["wd"])
        date = make_date(*parts)
        if date is not None:
            found.append(FoundDate(date, matched.start(), matched.end()))
    return found


def parse_date(text):
    """The date `text` is (or begins with), or None."""
    found = find_dates(text.strip())
    return found[0].date if found and found[0].start == 0 else None


def make_date(year, month, day):
    if month is None:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
