"""PostgreSQL: a small GIN index over the notes alone, so the notes branch of a search does not scan the text's."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_note_document ON search_searchentry USING GIN (document) "
            "WHERE annotation_id IS NOT NULL"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX search_entry_note_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_structures")]
    operations = [migrations.RunPython(create, drop)]
