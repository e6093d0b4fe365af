"""SQLite full-text search: an FTS5 table of stemmed heading and text, ranked with bm25 (heading weighted)."""

from django.db import connection
from django.utils.html import escape

from lawreader.search.backends.base import COUNT_LIMIT, BackendResult, Hit, scope_sql
from lawreader.search.models import SearchEntry
from lawreader.search.text import highlight_spans, stem, stemmed
from lawreader.store.bulk import insert_rows

HEADING_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
SNIPPET_WORDS = 36


class SqliteBackend:
    def insert(self, fields, rows, inserted):
        """New entries (tuples of `fields`' values), indexed; `inserted` selects them once they are in: the full-text
        table is keyed by their ids."""
        insert_rows(SearchEntry, fields, rows)
        self.add(inserted)

    def add(self, entries):
        rows = [
            (entry_id, stemmed(heading, language), stemmed(text, language))
            for entry_id, heading, text, language in entries.values_list("id", "heading", "text", "language")
        ]
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts(rowid, heading, text) VALUES (%s, %s, %s)", rows)

    def remove(self, entries):
        sql, params = entries.values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({sql})", params)

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

    def search(self, query, scope, offset, limit):
        where, where_params = scope_sql(scope)
        matches = (
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid WHERE search_fts MATCH %s AND "
            + where
        )
        params = [self.match_expression(query, scope.language), *where_params]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s)", [*params, COUNT_LIMIT + 1])
            total = cursor.fetchone()[0]
            # A provision headed by exactly the words sought (a definition headed by its term) comes first.
            heading = " ".join(stem(word, scope.language) for word in query.highlight_words())
            cursor.execute(
                f"SELECT e.id, coalesce(nullif(e.text, ''), e.heading), e.language {matches} "
                f"ORDER BY (search_fts.heading = %s AND e.annotation_id IS NULL) DESC, "
                f"bm25(search_fts, {HEADING_WEIGHT}, {TEXT_WEIGHT}), e.id LIMIT %s OFFSET %s",
                [*params, heading, limit, offset],
            )
            hits = [Hit(entry_id, snippet(text, query, language)) for entry_id, text, language in cursor.fetchall()]
        return BackendResult(hits, total)


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
