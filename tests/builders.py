"""Statute texts built in code, in the official layout, for tests of any size."""

import datetime

from lawreader.ingest.bundled import FIXTURES_DIR
from lawreader.ingest.importer import import_statute
from lawreader.store.models import Annotation, Law, Provision, Revision

CORPUS_DIR = FIXTURES_DIR.parent.parent / "shared" / "corpus" / "kz-foreign-intelligence"


def statute_text(chapters=2, articles_per_chapter=3, parts=2, items=3, title="On Testing"):
    """An English statute: every article has `parts` numbered parts, each with an intro and `items` items."""
    lines = [f"# {title}", "", "This Law is built by the test suite.", ""]
    article = 0
    for chapter in range(1, chapters + 1):
        lines += [f"## Chapter {chapter}. CHAPTER {chapter}", ""]
        for _ in range(articles_per_chapter):
            article += 1
            lines += [f"### Article {article}. Heading of article {article}", ""]
            for part in range(1, parts + 1):
                lines += [f"{part}. Part {part} of article {article} provides:", ""]
                for item in range(1, items + 1):
                    lines += [f"{item}) item {item} of part {part} of article {article};", ""]
            lines += [f"Footnote. Article {article} as amended by Law No. {article}-V of 1 March 2019.", ""]
    return "\n".join(lines)


def make_law(slug="test-law", title="Law on Testing", number="No. 1-T", language="en"):
    return Law.objects.create(slug=slug, title=title, short_title=title, number=number, default_language=language)


def import_text(law, text, valid_from="2020-01-01", language="en", **fields):
    return import_statute(
        text, law=law, language=language, valid_from=datetime.date.fromisoformat(valid_from), **fields
    ).revision


def note_on(law, date, eid, **fields):
    """A published editor's note on `eid` in the edition of `date`, written against its current wording."""
    revision = Revision.objects.get(law=law, valid_from=date)
    provision = Provision.objects.of_revision(revision).get(eid=eid)
    values = {"kind": "commentary", "title": "A note", "body": "Body.", "status": "published", "source": "editor"}
    values.update(fields)
    return Annotation.objects.create(
        law=law, revision=revision, target_eid=eid, content_hash=provision.content_hash, **values
    )


def find(statute, eid):
    """The parsed provision with this eid, or None."""
    return next((node for node in statute.root.walk() if node.eid == eid), None)
