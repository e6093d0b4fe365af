"""The law as data: the JSON API, Akoma Ntoso, feeds, downloads."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from lawreader.opendata import feeds, views_akn, views_annotations, views_pdf
from lawreader.opendata.api import api
from lawreader.opendata.converters import FrbrComponentConverter
from lawreader.opendata.sitemaps import SITEMAPS

register_converter(FrbrComponentConverter, "frbr")

urlpatterns = [
    path("api/v1/", api.urls),
    path("laws/<slug:slug>/changes.atom", feeds.law_changes, name="law_feed"),
    path("laws/<slug:slug>/history/<eid:eid>/changes.atom", feeds.provision_changes, name="provision_feed"),
    path("notes.atom", feeds.library_notes, name="notes_feed"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Akoma Ntoso: an edition at its FRBR expression's name; without "@date", the edition in force today.
    path(
        "akn/<slug:country>/act/<isodate:date>/<frbr:number>/<slug:language>",
        views_akn.akn_expression,
        name="akn_current_expression",
    ),
    path(
        "akn/<slug:country>/act/<isodate:date>/<frbr:number>/<slug:language>@<isodate:edition>",
        views_akn.akn_expression,
        name="akn_expression",
    ),
    path("laws/<slug:slug>/on/<isodate:date>/edition.pdf", views_pdf.edition_pdf, name="edition_pdf"),
    path("laws/<slug:slug>/annotations.jsonld", views_annotations.law_annotations, name="law_annotations"),
    path(
        "laws/<slug:slug>/on/<isodate:date>/annotations.jsonld",
        views_annotations.edition_annotations,
        name="edition_annotations",
    ),
]
