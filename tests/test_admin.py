"""The Django admin: the models are registered and the provision tree opens in treebeard's tree admin."""

import pytest
from django.contrib.auth.models import User

from lawreader.store.models import Provision, Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("boss", password="x-pw-12345"))
    return client


@pytest.mark.parametrize("model", ["law", "revision", "provision", "annotation"])
def test_every_model_has_an_admin_list(superuser_client, bundled_law, model):
    assert superuser_client.get(f"/admin/store/{model}/").status_code == 200


def test_provisions_open_in_the_tree_admin_filtered_by_edition(superuser_client, bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    response = superuser_client.get("/admin/store/provision/", {"revision__id__exact": revision.pk})
    assert response.status_code == 200
    assert "treebeard" in response.content.decode()
    article = Provision.objects.of_revision(revision).get(eid="art_9-1")
    assert superuser_client.get(f"/admin/store/provision/{article.pk}/change/").status_code == 200
