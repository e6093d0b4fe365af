from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from lawreader.reader.converters import EidConverter, IsoDateConverter

register_converter(IsoDateConverter, "isodate")
register_converter(EidConverter, "eid")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reader:library", permanent=False)),
    path("laws/", include("lawreader.reader.urls")),
    path("laws/", include("lawreader.compare.urls")),
    path("search/", include("lawreader.search.urls")),
    path("admin/", admin.site.urls),
]
