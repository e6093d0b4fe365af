"""Words and their stems in English, Russian and Kazakh (pure Python).

English and Russian use the Snowball algorithms PostgreSQL's "english" and "russian" text search configurations use,
so the SQLite index and PostgreSQL's agree. Kazakh has no Snowball stemmer: it is agglutinative — endings are
stacked on an unchanging root ("ақпарат", "ақпараттың", "ақпараттарды") — so `kazakh_stem` strips known endings.
"""

import functools
import re

import snowballstemmer

WORD_RE = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}

# Kazakh inflectional endings: plural, possessive, case.
KAZAKH_ENDINGS = frozenset(
    {
        *("лар", "лер", "дар", "дер", "тар", "тер"),
        *("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ым", "ім", "ың", "ің", "ы", "і"),
        *("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді"),
        *("ты", "ті", "нда", "нде", "да", "де", "та", "те", "нан", "нен", "дан", "ден", "тан", "тен"),
        *("мен", "бен", "пен", "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі", "н", "м", "ң", "а", "е"),
    }
)
LONGEST_KAZAKH_ENDING = max(map(len, KAZAKH_ENDINGS))
# A term is defined in its dictionary form, its head noun often with the possessive "-ы" ("барлау ақпараты").
KAZAKH_POSSESSIVES = ("сы", "сі", "ы", "і")
# A root's last consonant softens before a vowel ("бап" → "бабы", "тармақ" → "тармағы").
KAZAKH_SOFTENED_FINALS = str.maketrans("пкқ", "бгғ")
MIN_KAZAKH_ROOT = 4


def words(text):
    return list(map(str.lower, WORD_RE.findall(text or "")))


class Stems(dict):
    """One language's stems by word, each worked out once: a law repeats a few thousand words hundreds of
    thousands of times. Looked up as a plain dict (`stems_of(language)[word]`), which costs less than a call per
    word where a whole edition's text is stemmed; emptied when full, so no stream of odd words grows it forever."""

    MAX_WORDS = 200_000

    def __init__(self, language):
        super().__init__()
        self.stemmer = STEMMERS.get(language)

    def __missing__(self, word):
        if len(self) >= self.MAX_WORDS:
            self.clear()
        stemmed = self[word] = self.stemmer.stemWord(word) if self.stemmer else word
        return stemmed


STEMS = {}


def stems_of(language):
    stems = STEMS.get(language)
    if stems is None:
        stems = STEMS[language] = Stems(language)
    return stems


def stem(word, language):
    """The stem the search index uses: Snowball for English and Russian, the word itself otherwise."""
    return stems_of(language)[word]


def kazakh_root(word):
    """A term's word without the possessive ending it is defined with: "ақпараты" → "ақпарат"."""
    word = word.lower()
    for ending in KAZAKH_POSSESSIVES:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_KAZAKH_ROOT:
            return word[: -len(ending)]
    return word


def kazakh_inflects(word, root):
    """Is `word` the root with Kazakh endings stacked on it ("ақпараттарының" of "ақпарат", "бабы" of "бап")?"""
    word = word.lower()
    return any(word.startswith(form) and only_endings(word[len(form) :]) for form in {root, kazakh_softened(root)})


def kazakh_softened(root):
    return root[:-1] + root[-1:].translate(KAZAKH_SOFTENED_FINALS)


@functools.lru_cache(maxsize=20_000)
def only_endings(rest):
    """Can `rest` be read as a run of Kazakh endings ("тарының" = "тар" + "ы" + "ның")?"""
    if not rest:
        return True
    return any(
        rest[:length] in KAZAKH_ENDINGS and only_endings(rest[length:])
        for length in range(1, min(LONGEST_KAZAKH_ENDING, len(rest)) + 1)
    )
