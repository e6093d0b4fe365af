"""The interface language: chosen by cookie, never guessed from Accept-Language.

A cached page is one set of bytes for everyone who asks for its URL with the same cookie; a header that varies
per browser would have to split every cache (and CDN) entry by it, or poison it. So the interface language comes
from the language cookie when it names a language we offer, and is the default otherwise.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def interface_language(request):
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in INTERFACE_LANGUAGES else settings.LANGUAGE_CODE


class InterfaceLanguageMiddleware:
    """Django's LocaleMiddleware, less the Accept-Language guess."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = interface_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def choose_interface_language(request, code):
    """The header's language links: remember the choice in the cookie and go back to the page. A link rather than a
    form, so cached pages need no per-reader CSRF token."""
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    response = HttpResponseRedirect(back)
    if code in INTERFACE_LANGUAGES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
