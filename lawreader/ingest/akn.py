"""Akoma Ntoso 3.0 documents read into a `ParsedStatute`, and the names our own documents are written with
(opendata/akn.py writes an edition with them, so what it writes is read back exactly: the same eids, kinds, numbers,
headings, texts and footnotes).

Pure Python (lxml, no Django). Documents of other Akoma Ntoso systems (Laws.Africa's Indigo and the like) are read
as far as our kinds reach: each hierarchical element becomes the nearest kind of ours (`point` an item, `book` a
division …); `list` and `blockList` give their items to the unit they stand in, their lead-in and wrap-up becoming
its text and unnumbered paragraphs; a `crossHeading` is an unnumbered paragraph, as the parser keeps a heading that
names no unit; an attached `doc` is an attachment. Eids are the document's, generated (parser.assign_eids) only where
it has none. Anything else is read as text with a warning (refused with `strict`), and a document that cannot be
read whole raises StatuteSyntaxError naming its line.
"""

import datetime
import re

from lxml import etree

from lawreader import frbr
from lawreader.ingest import layout
from lawreader.ingest.parser import (
    NOTE_FOOTNOTE,
    Node,
    Note,
    ParsedStatute,
    ParseWarning,
    StatuteSyntaxError,
    assign_content_hashes,
    assign_eids,
    check_is_text,
)
from lawreader.vocabulary import (
    ARTICLE,
    ATTACHMENT,
    CHAPTER,
    DIVISION,
    DOCUMENT,
    ITEM,
    PART,
    PREAMBLE,
    SECTION,
    SUBCHAPTER,
    SUBSECTION,
    TEXT,
    UNNUMBERED_KINDS,
)

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
EXPECTED = "an Akoma Ntoso 3.0 document: <akomaNtoso> holding an <act> with its <meta> and <body>"

# How we write each kind; a numbered part ("1.") is Akoma Ntoso's paragraph, an item ("1)") its subparagraph.
ELEMENT_OF_KIND = {
    DIVISION: "part",
    SECTION: "section",
    SUBSECTION: "subsection",
    CHAPTER: "chapter",
    SUBCHAPTER: "subchapter",
    ARTICLE: "article",
    PART: "paragraph",
    ITEM: "subparagraph",
}
# Kinds Akoma Ntoso has no element for: its generic container, named.
HCONTAINER_OF_KIND = {TEXT: "text", ATTACHMENT: "attachment"}
KIND_OF_HCONTAINER = {name: kind for kind, name in HCONTAINER_OF_KIND.items()}
# Kinds whose number is only our count (or that have none): no <num> is written for them, and a <num> another
# system prints for one is kept in its heading, as printed.
COUNTED_KINDS = (*UNNUMBERED_KINDS, TEXT)
KIND_OF_ELEMENT = {
    **{element: kind for kind, element in ELEMENT_OF_KIND.items()},
    # Other systems' levels, each read as the nearest of ours.
    "book": DIVISION,
    "tome": DIVISION,
    "title": DIVISION,
    "subpart": SECTION,
    "division": SECTION,
    "subdivision": SUBSECTION,
    "subtitle": SUBSECTION,
    "rule": ARTICLE,
    "clause": PART,
    "subrule": PART,
    "subclause": ITEM,
    "point": ITEM,
    "indent": ITEM,
    "item": ITEM,  # a blockList's
    "alinea": TEXT,
    "level": TEXT,
    "proviso": TEXT,
    "transitional": TEXT,
}
# Elements that hold a unit's text and parts without being a unit themselves.
CONTAINERS = {
    "intro",
    "content",
    "wrapUp",
    "list",
    "sublist",
    "blockList",
    "blockContainer",
    "container",
    "mainBody",
    "formula",
    "recitals",
    "recital",
    "citations",
    "citation",
}
# Elements whose content is a line of text: a paragraph.
PARAGRAPHS = {"p", "block", "listIntroduction", "listWrapUp"}
# Notes and markers inside a line that are no part of its text.
NOT_TEXT = {"authorialNote", "noteRef", "img", "eol", "eop"}
# A provision's eid as the store keeps it and a URL names it (reader/converters.py: EidConverter).
EID_RE = re.compile(r"[\w.\-]{1,200}")
XML_DECLARATION_RE = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
LINE_BREAK_MARK = "\0"  # where a <br/> stood, while the whitespace around it is collapsed (XML holds no NUL)

# A text's paragraphs are separated by a blank line and written as <p>s; a line break within one as <br/>.
PARAGRAPH_BREAK = "\n\n"
LINE_BREAK = "\n"


def printed_number(kind, number):
    """The number as the law prints it before the text: "1." for a numbered part, "1)" for an item, "9-1"."""
    return {PART: f"{number}.", ITEM: f"{number})"}.get(kind, number)


def number_of(printed):
    """The number itself: "1." → "1", "1)" → "1", "(a)" → "a", "Article 5" → "5"."""
    word = printed.split()[-1] if printed.split() else ""
    return word.strip("()").rstrip(".")


def is_akn(text):
    """Is this an XML document (an Akoma Ntoso one, or else the error will say so) rather than a text?"""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def local_name(element):
    return etree.QName(element).localname


def child(element, name):
    return next((found for found in element if local_name(found) == name), None)


def descendant(element, *path):
    for name in path:
        element = child(element, name) if element is not None else None
    return element


def parse_akn(source, language=None, *, strict=False):
    """Read an Akoma Ntoso document. `language` is the one the caller expects (None: the document's own); the
    document's language and date, when it states them, are the statute's `language` and `valid_from`."""
    check_is_text(source)
    root = read_xml(source)
    document = document_of(root)
    if document is None:
        raise StatuteSyntaxError(root.sourceline, "the document holds no act", EXPECTED)
    meta = child(document, "meta")
    stated_language, valid_from = expression_of(meta)
    if language and stated_language and stated_language != language:
        stated, asked = (frbr.LANGUAGE_CODES_3.get(code, code) for code in (stated_language, language))
        raise StatuteSyntaxError(meta.sourceline, f"the document is in {stated}, not in {asked}")
    reader = DocumentReader(stated_language or language or "", strict)
    statute = reader.read(document)
    statute.language, statute.valid_from = stated_language, valid_from
    if not (statute.title or statute.root.children):
        raise StatuteSyntaxError(document.sourceline, "the document has neither a title nor provisions", EXPECTED)
    number_unnumbered_units(statute.root)
    check_eids(statute.root)
    assign_eids(statute.root)
    assign_content_hashes(statute.root)
    return statute


def stated_language(source):
    """The language an Akoma Ntoso document states for its expression, or "" (errors are parse_akn's to report)."""
    try:
        document = document_of(read_xml(source))
        return expression_of(child(document, "meta"))[0] if document is not None else ""
    except StatuteSyntaxError:
        return ""


def read_xml(source):
    """The document's root element. No DTD, entity or network is ever loaded: what is read is the file alone."""
    # An encoding declaration does not apply to text already decoded; its line breaks are kept, so lines count true.
    source = XML_DECLARATION_RE.sub(lambda found: LINE_BREAK * found.group().count(LINE_BREAK), source)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        tree = etree.fromstring(source.encode(), parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise StatuteSyntaxError(error.lineno or 1, f"not well-formed XML ({error.msg})", EXPECTED) from None
    root = tree.getroot()
    if tree.docinfo.doctype:
        raise StatuteSyntaxError(1, "the document declares a DTD, which is not read", EXPECTED)
    if local_name(root) != "akomaNtoso":
        raise StatuteSyntaxError(root.sourceline, f"the root element is <{local_name(root)}>", EXPECTED)
    return root


def document_of(root):
    """The act (or another kind of document) the root holds: its child with a <meta>; None for none."""
    return next((element for element in root if child(element, "meta") is not None), None)


def expression_of(meta):
    """(language, date) that the document's FRBRExpression states; "" and None where it states none."""
    expression = descendant(meta, "identification", "FRBRExpression")
    if expression is None:
        return "", None
    language, date = "", None
    stated = child(expression, "FRBRlanguage")
    if stated is not None:
        language = frbr.language_of(stated.get("language", ""))
        if language is None:
            raise StatuteSyntaxError(
                stated.sourceline,
                f"the language {stated.get('language')!r} is not one the library holds",
                f"one of {', '.join(sorted(frbr.LANGUAGE_CODES_2))}",
            )
    dated = child(expression, "FRBRdate")
    if dated is not None:
        try:
            date = datetime.date.fromisoformat(dated.get("date", ""))
        except ValueError:
            raise StatuteSyntaxError(
                dated.sourceline, f"the expression's date {dated.get('date')!r} is not a date", "YYYY-MM-DD"
            ) from None
    return language, date


class DocumentReader:
    """Reads an act's parts into the tree the parser would have built: units with their number, heading, own text
    (their lead-in) and children, footnotes with the unit they stand in."""

    def __init__(self, language, strict):
        self.language = language
        self.strict = strict
        self.warnings = []
        self.own_paragraphs = {}  # id(node) → the paragraphs of its own text, read so far

    def irregular(self, element, message):
        if self.strict:
            raise StatuteSyntaxError(element.sourceline, message, EXPECTED)
        self.warnings.append(ParseWarning(element.sourceline, message))

    def read(self, document):
        root = Node(DOCUMENT, line=0)
        title, signature = "", ""
        for part in document:
            name = local_name(part)
            if name == "preface":
                title = self.title(part, root.notes)
            elif name == "preamble":
                root.children.append(self.unit(part, PREAMBLE))
            elif name in ("body", "mainBody"):
                self.read_into(root, part)
            elif name == "attachments":
                root.children += [self.attachment(attachment) for attachment in part]
            elif name == "conclusions":
                signature = " ".join(self.line(p, root.notes) for p in paragraphs_in(part))
            elif name not in ("meta", "coverPage"):
                self.irregular(part, f"<{name}> is not read")
        self.finish(root)
        return ParsedStatute(
            title=title or work_title(child(document, "meta")), root=root, signature=signature, warnings=self.warnings
        )

    def title(self, preface, notes):
        """The title a preface prints: its long title, else its docTitle; "" when it prints neither."""
        long_title = child(preface, "longTitle")
        if long_title is not None:
            return " ".join(self.line(p, notes) for p in paragraphs_in(long_title))
        doc_title = next(preface.iter("{*}docTitle"), None)
        return self.line(doc_title, notes) if doc_title is not None else ""

    def unit(self, element, kind):
        node = Node(kind, line=element.sourceline, eid=element.get("eId", ""))
        self.read_into(node, element)
        self.finish(node)
        if kind == TEXT and node.heading:
            # Another system's headed container: an unnumbered paragraph prints its heading as its first line.
            node.text = PARAGRAPH_BREAK.join(part for part in (node.heading, node.text) if part)
            node.heading = ""
        return node

    def finish(self, node):
        paragraphs = self.own_paragraphs.pop(id(node), None)
        if paragraphs is not None:
            node.text = PARAGRAPH_BREAK.join(paragraphs)

    def read_into(self, node, element):
        """Everything `element` holds, into `node`: its number, heading, text, notes and units."""
        for part in element:
            name = local_name(part)
            if name == "num":
                printed = self.line(part, node.notes)
                if node.kind in COUNTED_KINDS:
                    node.heading = f"{printed} {node.heading}".strip()
                else:
                    node.number = number_of(printed)
            elif name in ("heading", "subheading"):
                node.heading = f"{node.heading} {self.line(part, node.notes)}".strip()
            elif name == "authorialNote":
                node.notes.append(self.note(part))
            elif name == "crossHeading":  # a heading that names no unit: kept as a paragraph, as the parser keeps it
                node.children.append(Node(TEXT, line=part.sourceline, eid=part.get("eId", "")))
                node.children[-1].text = self.line(part, node.children[-1].notes)
            elif name == "hcontainer":
                node.children.append(self.unit(part, KIND_OF_HCONTAINER.get(part.get("name"), TEXT)))
            elif name == "attachment" or name == "doc":
                node.children.append(self.attachment(part))
            elif name in KIND_OF_ELEMENT:
                node.children.append(self.unit(part, KIND_OF_ELEMENT[name]))
            elif name in CONTAINERS:
                self.read_into(node, part)
            elif name in PARAGRAPHS:
                self.add_paragraph(node, part)
            elif "".join(part.itertext()).strip():
                self.irregular(part, f"<{name}> read as a paragraph of text")
                self.add_paragraph(node, part)
            else:
                self.irregular(part, f"<{name}> holds no text: skipped")

    def add_paragraph(self, node, element):
        """A unit's paragraph: its own text until its first part, then an unnumbered paragraph of its own."""
        if node.children:
            paragraph = Node(TEXT, line=element.sourceline)
            paragraph.text = self.line(element, paragraph.notes)
            node.children.append(paragraph)
        else:
            self.own_paragraphs.setdefault(id(node), []).append(self.line(element, node.notes))

    def attachment(self, element):
        """An attached document (`<attachment><doc>`, or the doc alone): titled by its own title."""
        doc = child(element, "doc") if local_name(element) == "attachment" else element
        node = Node(ATTACHMENT, line=element.sourceline, eid=element.get("eId", ""))
        if doc is None:
            self.irregular(element, "an attachment with no <doc>: read as it stands")
            self.read_into(node, element)
        else:
            preface = child(doc, "preface")
            node.heading = (self.title(preface, node.notes) if preface is not None else "") or work_title(
                child(doc, "meta")
            )
            for body in doc:
                if local_name(body) in ("mainBody", "body"):
                    self.read_into(node, body)
        self.finish(node)
        return node

    def line(self, element, notes):
        """The text of an inline element, each of its lines as the parser stores a paragraph (layout.normalize):
        notes in it go to `notes`, <br/> breaks the line, markup is dropped."""
        pieces = []

        def visit(inline):
            pieces.append(inline.text or "")
            for part in inline:
                name = local_name(part)
                if name == "authorialNote":
                    notes.append(self.note(part))
                elif name == "br":
                    pieces.append(LINE_BREAK_MARK)
                elif name not in NOT_TEXT:
                    visit(part)
                pieces.append(part.tail or "")

        visit(element)
        # Whitespace in the source (indentation, wrapped lines) is layout; only <br/> breaks a line.
        lines = "".join(pieces).split(LINE_BREAK_MARK)
        return LINE_BREAK.join(layout.normalize(text, self.language) for text in lines)

    def note(self, element):
        ignored = []  # a note within a note has nowhere to go
        paragraphs = [self.line(p, ignored) for p in paragraphs_in(element)] or [self.line(element, ignored)]
        return Note(NOTE_FOOTNOTE, PARAGRAPH_BREAK.join(paragraphs), element.sourceline, element.get("marker", ""))


def paragraphs_in(element):
    """The <p>s within `element`, in document order, but not those of the notes in them."""
    for part in element:
        if local_name(part) == "p":
            yield part
        elif local_name(part) != "authorialNote":
            yield from paragraphs_in(part)


def work_title(meta):
    """The work's title as its metadata names it, else ""."""
    work = descendant(meta, "identification", "FRBRWork") if meta is not None else None
    if work is None:
        return ""
    names = [alias for alias in work if local_name(alias) == "FRBRalias" and alias.get("name") == "title"]
    names += [name for name in work if local_name(name) == "FRBRname"]
    return " ".join(names[0].get("value", "").split()) if names else ""


def number_unnumbered_units(node, counts=None):
    """Attachments and a code's divisions are numbered by our count, in the law or in their attachment, as the
    parser numbers them."""
    counts = {} if counts is None else counts
    for unit in node.children:
        if unit.kind in UNNUMBERED_KINDS:
            counts[unit.kind] = counts.get(unit.kind, 0) + 1
            unit.number = str(counts[unit.kind])
        number_unnumbered_units(unit, {} if unit.kind == ATTACHMENT else counts)


def check_eids(root):
    """The document's own eids: each one a provision can be stored and named under, and used once."""
    first_seen = {}
    for node in root.walk():
        if not node.eid:
            continue
        if not EID_RE.fullmatch(node.eid):
            raise StatuteSyntaxError(
                node.line, f"eId {node.eid[:80]!r} is not one a provision can have", "letters, digits, _ - and ."
            )
        if node.eid in first_seen:
            raise StatuteSyntaxError(
                node.line, f"eId {node.eid!r} is used twice (first at line {first_seen[node.eid]})"
            )
        first_seen[node.eid] = node.line
