"""A deterministic synthetic code: 1,000 articles, ~25,000 provisions per edition, editions that differ by ~2%
(edited wording, inserted and deleted items, inserted articles, renumbered items), in the importer's layout.
Pure Python: the same seed gives the same law on every machine."""

import random
from dataclasses import dataclass, field

# Words of a tax code: the generator draws its sentences from them.
TAX_CODE_WORDS = """
the authorised body shall ensure that state organisations and persons concerned comply with the requirements of
this Code and other normative legal acts in the field of taxation including reporting obligations periods rates
deductions exemptions registration accounting documents declarations payments arrears penalties audits inspections
notices decisions appeals procedures taxpayers agents residents non-residents income property transport land excise
customs value added corporate individual social contributions fees charges refunds
"""
VOCABULARY = tuple(TAX_CODE_WORDS.split())
SYLLABLES = ("ka", "ter", "mol", "vis", "dan", "rel", "pos", "ug", "sen", "tor", "li", "mar", "ob", "kes", "nar", "fi")
# Real legislation has a long tail of rarer words (names of taxes, goods, procedures) beside the common ones: a
# search for one of them matches a few provisions, not a third of the code.
RARE_WORDS = tuple(a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:4])
RARE_SHARE = 0.3
# A code defines its terms in Article 1 and uses them throughout; pairs of its own words, so the random text uses
# each of them now and then, as laws use theirs.
DEFINED_TERMS = (
    "corporate income",
    "social contributions",
    "transport land",
    "excise customs",
    "penalties audits",
    "property transport",
    "value added",
)
# And its parts cite one another, as codes do (about one part or item in six).
REFERENCE_SHARE = 0.16


@dataclass
class Item:
    number: str
    text: str


@dataclass
class Part:
    number: str
    text: str
    items: list = field(default_factory=list)


@dataclass
class Article:
    number: str
    heading: str
    intro: str
    parts: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)


@dataclass
class Chapter:
    number: str
    heading: str
    articles: list = field(default_factory=list)


def sentence(rng, low=12, high=45):
    words = [rng.choice(RARE_WORDS if rng.random() < RARE_SHARE else VOCABULARY) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def citing(rng, text, articles, parts, items):
    """The sentence, now and then with a reference to another provision of the code, in the forms laws use."""
    if rng.random() >= REFERENCE_SHARE:
        return text
    article = rng.randint(1, articles)
    form = rng.randrange(4)
    if form == 0:
        reference = f"as provided by item {rng.randint(1, items)}) of paragraph {rng.randint(1, parts)} of Article {article} of this Code"
    elif form == 1:
        reference = f"subject to paragraph {rng.randint(1, parts)} of this Article"
    elif form == 2:
        reference = f"under Articles {article} and {rng.randint(1, articles)} of this Code"
    else:
        reference = f"in accordance with Article {article} of this Code"
    return f"{text[:-1]}, {reference}."


def first_edition(seed=20241, chapters=40, articles_per_chapter=25, parts=3, items=7):
    rng = random.Random(seed)
    law, article_number = [], 0
    total = chapters * articles_per_chapter
    for chapter_number in range(1, chapters + 1):
        chapter = Chapter(str(chapter_number), sentence(rng, 3, 7).rstrip(".").upper())
        for _ in range(articles_per_chapter):
            article_number += 1
            article = Article(str(article_number), sentence(rng, 3, 9).rstrip("."), sentence(rng))
            for part_number in range(1, parts + 1):
                part = Part(str(part_number), citing(rng, sentence(rng, 8, 25), total, parts, items))
                part.items = [
                    Item(str(n), citing(rng, sentence(rng, 6, 30), total, parts, items)) for n in range(1, items + 1)
                ]
                article.parts.append(part)
            chapter.articles.append(article)
        law.append(chapter)
    definitions = law[0].articles[0]
    definitions.heading = "Basic concepts used in this Code"
    definitions.intro = "The following basic concepts are used in this Code:"
    definitions.parts[0].items = [
        Item(str(n), f"{term} – {sentence(rng, 6, 30)}") for n, term in enumerate(DEFINED_TERMS, start=1)
    ]
    return law


def next_edition(law, edition_number, seed=20241, change_rate=0.03):
    """A copy of `law` amended the way codes are: wording edited, items inserted as "N-1" or deleted, a few
    articles inserted as "N-1", and now and then a part whose items are renumbered after an insertion."""
    rng = random.Random(seed * 1000 + edition_number)
    act = f"Law No. {100 + edition_number}-BENCH"
    amended = []
    for chapter in law:
        new_chapter = Chapter(chapter.number, chapter.heading)
        for article in chapter.articles:
            new_article = Article(article.number, article.heading, article.intro, footnotes=list(article.footnotes))
            touched = False
            for part in article.parts:
                new_part = Part(part.number, part.text)
                for item in part.items:
                    roll = rng.random()
                    if roll < change_rate * 0.7:
                        new_part.items.append(Item(item.number, edit(rng, item.text)))
                        touched = True
                    elif roll < change_rate * 0.8 and len(part.items) > 2:
                        touched = True  # deleted
                    else:
                        new_part.items.append(Item(item.number, item.text))
                    inserted_number = f"{item.number}-1"
                    already = any(other.number == inserted_number for other in part.items)
                    if rng.random() < change_rate * 0.1 and "-" not in item.number and not already:
                        new_part.items.append(Item(inserted_number, sentence(rng, 6, 30)))
                        touched = True
                if rng.random() < change_rate * 0.05:
                    renumber(new_part, rng)
                    touched = True
                new_article.parts.append(new_part)
            if touched:
                new_article.footnotes.append(f"Footnote. Article {article.number} as amended by {act}.")
            new_chapter.articles.append(new_article)
            taken = any(other.number == f"{article.number}-1" for other in chapter.articles)
            if rng.random() < change_rate * 0.1 and "-" not in article.number and not taken:
                inserted = Article(f"{article.number}-1", sentence(rng, 3, 9).rstrip("."), sentence(rng))
                inserted.parts = [
                    Part("1", sentence(rng, 8, 25), [Item(str(n), sentence(rng, 6, 30)) for n in range(1, 5)])
                ]
                inserted.footnotes.append(f"Footnote. The Code is supplemented by Article {inserted.number} by {act}.")
                new_chapter.articles.append(inserted)
        amended.append(new_chapter)
    return amended


def edit(rng, text):
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
    return " ".join(words)


def renumber(part, rng):
    """An item inserted at the top and the others renumbered: the "item 9 became item 10" case."""
    texts = [sentence(rng, 6, 30)] + [item.text for item in part.items]
    part.items = [Item(str(n), text) for n, text in enumerate(texts, start=1)]


def editions(count=10, **shape):
    """`count` editions, each amended from the one before; `shape` sizes the first (see first_edition)."""
    law = first_edition(**shape)
    result = [law]
    for number in range(1, count):
        law = next_edition(law, number)
        result.append(law)
    return result


def as_text(law, title="Synthetic Code for Benchmarks"):
    lines = [f"# {title}", "", "This Code is generated for measuring Lawreader.", ""]
    for chapter in law:
        lines += [f"## Chapter {chapter.number}. {chapter.heading}", ""]
        for article in chapter.articles:
            lines += [f"### Article {article.number}. {article.heading}", "", article.intro, ""]
            for part in article.parts:
                lines += [f"{part.number}. {part.text}", ""]
                for item in part.items:
                    lines += [f"{item.number}) {item.text}", ""]
            for footnote in article.footnotes:
                lines += [footnote, ""]
    return "\n".join(lines)
