from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from lawreader.reader.converters import EidConverter, IsoDateConverter
from lawreader.web.language import choose_interface_language

register_converter(IsoDateConverter, "isodate")
register_converter(EidConverter, "eid")


def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links; the icon is a static SVG."""
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reader:library", permanent=False)),
    path("favicon.ico", favicon),
    path("language/<str:code>/", choose_interface_language, name="interface_language"),
    path("laws/", include("lawreader.reader.urls")),
    path("laws/", include("lawreader.compare.urls")),
    path("search/", include("lawreader.search.urls")),
    path("", include("lawreader.opendata.urls")),
    path("admin/", admin.site.urls),
]
