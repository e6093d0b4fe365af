"""The law as data: the JSON API, Akoma Ntoso, feeds, downloads."""

from django.urls import path

from lawreader.opendata.api import api

urlpatterns = [
    path("api/v1/", api.urls),
]
