"""SQLite full-text search: an FTS5 table of stemmed heading and text, ranked with bm25 (heading weighted)."""

from operator import itemgetter

from django.db import connection
from django.utils.html import escape

from lawreader.search.backends.base import (
    COUNT_LIMIT,
    PAGE_ENTRY_COLUMNS,
    PUBLISHED_ONLY,
    BackendResult,
    Hit,
    page_entry,
    placeholders,
    scope_branches,
)
from lawreader.search.models import SearchEntry
from lawreader.search.text import highlight_spans, stem, stemmed
from lawreader.store.bulk import insert_rows

HEADING_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
SNIPPET_WORDS = 36


# The FTS5 table holds the law's text under its entries' ids and the notes under theirs negated, so each branch
# of a search reads one range of rowids and never walks the other's matches (migration 0005).
FTS_ROWID = "CASE WHEN annotation_id IS NULL THEN id ELSE -id END"


def fts_rowid(entry_id, annotation_id):
    return entry_id if annotation_id is None else -entry_id


class SqliteBackend:
    def insert(self, fields, rows, inserted, earlier):
        """New entries (tuples of `fields`' values), indexed; `inserted` selects them once they are in. The full-text
        table is keyed by their ids, which follow the rows' order (AUTOINCREMENT): it is written from the rows in
        hand, their ids alone read back. `earlier` selects indexed entries (the edition before) whose stems are
        taken for the same words rather than worked out again: an edition repeats most of the last one's text."""
        rows = list(rows)
        insert_rows(SearchEntry, fields, rows)
        ids = inserted.order_by("id").values_list("id", flat=True)
        annotation, heading, text, language = map(fields.index, ("annotation_id", "heading", "text", "language"))
        self.index(
            (
                (entry_id, row[annotation], row[heading], row[text], row[language])
                for entry_id, row in zip(ids, rows, strict=True)
            ),
            self.indexed_stems(earlier),
        )

    def add(self, entries):
        self.index(entries.values_list("id", "annotation_id", "heading", "text", "language"), {})

    def index(self, entries, known):
        """Write entries (id, annotation id, heading, text, language) into the full-text table; `known` holds
        stemmed texts by (language, text) already worked out."""

        def stems(text, language):
            found = known.get((language, text))
            return stemmed(text, language) if found is None else found

        rows = [
            (fts_rowid(entry_id, annotation_id), stems(heading, language), stems(text, language))
            for entry_id, annotation_id, heading, text, language in entries
        ]
        # In ascending rowids: FTS5 writes out what it holds in memory as a new segment whenever a rowid is lower
        # than the last, which the notes' negated ids, in order, are every time (a segment per note, then merges).
        rows.sort(key=itemgetter(0))
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts(rowid, heading, text) VALUES (%s, %s, %s)", rows)

    def indexed_stems(self, entries):
        """{(language, text): its stems} of the headings and texts of indexed `entries`, as the index holds them."""
        sql, params = entries.values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.language, e.heading, e.text, f.heading, f.text FROM (SELECT language, heading, text, "
                f"{FTS_ROWID} AS fts_rowid FROM search_searchentry WHERE id IN ({sql})) AS e "
                f"JOIN search_fts f ON f.rowid = e.fts_rowid",
                params,
            )
            known = {}
            for language, heading, text, stemmed_heading, stemmed_text in cursor.fetchall():
                known[language, heading] = stemmed_heading
                known[language, text] = stemmed_text
        return known

    def remove(self, entries):
        sql, params = entries.values("id", "annotation_id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN (SELECT {FTS_ROWID} FROM ({sql}))", params)

    def match_expression(self, query, language):
        """An FTS5 query built only from quoted strings: nothing the reader types is read as FTS5 syntax."""

        def quoted(text):
            return '"' + text.replace('"', '""') + '"'

        wanted, excluded = [], []
        for term in query.terms:
            if term.prefix:
                expression = quoted(term.words[0]) + "*"
            else:
                expression = quoted(" ".join(stem(word, language) for word in term.words))
            (excluded if term.excluded else wanted).append(expression)
        expression = " AND ".join(wanted)
        for term in excluded:
            expression = f"({expression}) NOT {term}"
        return expression

    def matches(self, query, scope):
        """The scope's matches as (id, exact, rank) rows: one SELECT per branch, each reading only its rowids.
        A provision headed by exactly the words sought (a definition headed by its term) is exact."""
        match = self.match_expression(query, scope.language)
        heading = " ".join(stem(word, scope.language) for word in query.highlight_words())
        selects, params = [], []
        for branch in scope_branches(scope):
            if branch.notes:
                entry_id, rowids, rowid_params, exact, exact_params = "-search_fts.rowid", "< 0", [], "0", []
            else:
                # An edition's entries are written at once, so its rowids are one run from the first to the last.
                editions = f"FROM search_searchentry WHERE revision_id IN ({placeholders(scope.revision_ids)}) "
                rowids = f"BETWEEN (SELECT min(id) {editions} AND annotation_id IS NULL) "
                rowids += f"AND (SELECT max(id) {editions} AND annotation_id IS NULL)"
                entry_id, rowid_params = "search_fts.rowid", [*scope.revision_ids, *scope.revision_ids]
                exact, exact_params = "search_fts.heading = %s", [heading]
            # CROSS JOIN keeps the FTS5 table outermost: driven by an index on the entries, it would be asked once
            # per entry of the edition.
            selects.append(
                f"SELECT e.id, {exact} AS exact, bm25(search_fts, {HEADING_WEIGHT}, {TEXT_WEIGHT}) AS rank "
                f"FROM search_fts CROSS JOIN search_searchentry e ON e.id = {entry_id} "
                f"WHERE search_fts MATCH %s AND search_fts.rowid {rowids} AND {branch.sql}"
            )
            params += [*exact_params, match, *rowid_params, *branch.params]
        return " UNION ALL ".join(selects), params

    def search(self, query, scope, offset, limit):
        matches, params = self.matches(query, scope)
        if not matches:
            return BackendResult()
        # Materialized: bm25() can only be called where the FTS5 table is scanned, not under the window count.
        matches = f"WITH m AS MATERIALIZED ({matches})"
        with connection.cursor() as cursor:
            # One pass ranks the matches and counts them (the window count); the text is read for the page alone.
            cursor.execute(
                f"{matches} SELECT {PAGE_ENTRY_COLUMNS}, coalesce(nullif(e.text, ''), e.heading), page.total FROM "
                f"(SELECT id, exact, rank, count(*) OVER () AS total FROM m ORDER BY exact DESC, rank, id "
                f"LIMIT %s OFFSET %s) AS page JOIN search_searchentry e ON e.id = page.id "
                f"WHERE {PUBLISHED_ONLY} ORDER BY page.exact DESC, page.rank, page.id",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
            if rows:
                total = rows[0][-1]
            else:  # a page past the end: still say how many there are
                cursor.execute(f"{matches} SELECT count(*) FROM (SELECT 1 FROM m LIMIT %s)", [*params, COUNT_LIMIT + 1])
                total = cursor.fetchone()[0]
        hits = [Hit(page_entry(entry), snippet(text, query, scope.language)) for *entry, text, _total in rows]
        return BackendResult(hits, min(total, COUNT_LIMIT + 1))


def snippet(text, query, language):
    """A window of the text around the first match, escaped, with the matched words in <mark>."""
    spans = highlight_spans(text, query, language)
    words = text.split(" ")
    if not spans:
        return escape(" ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else ""))
    first_word = text[: spans[0][0]].count(" ")
    start_word = max(0, first_word - SNIPPET_WORDS // 3)
    start = len(" ".join(words[:start_word])) + (1 if start_word else 0)
    end_word = min(len(words), start_word + SNIPPET_WORDS)
    end = len(" ".join(words[:end_word]))
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    return ("… " if start_word else "") + "".join(pieces) + (" …" if end_word < len(words) else "")
