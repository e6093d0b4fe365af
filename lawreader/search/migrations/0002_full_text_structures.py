"""The full-text structure of the database in use: a weighted tsvector column with a GIN index on PostgreSQL, an
FTS5 table on SQLite. The search backends (lawreader/search/backends/) are the only code that reads them."""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector",
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
]
SQLITE = ["CREATE VIRTUAL TABLE search_fts USING fts5(heading, text, tokenize = 'unicode61 remove_diacritics 2')"]
UNDO = {
    "postgresql": ["DROP INDEX search_entry_document", "ALTER TABLE search_searchentry DROP COLUMN document"],
    "sqlite": ["DROP TABLE search_fts"],
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
