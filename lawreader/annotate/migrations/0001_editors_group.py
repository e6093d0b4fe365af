"""The "Editors" group: exactly the permissions to manage annotations, and to look at (not change) the laws."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("store", "add_annotation"),
    ("store", "change_annotation"),
    ("store", "delete_annotation"),
    ("store", "view_annotation"),
    ("store", "view_law"),
    ("store", "view_revision"),
    ("store", "view_provision"),
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist before we grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, codename in EDITOR_PERMISSIONS:
        editors.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("store", "0002_annotation_quotes_author_version"),
    ]
    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
