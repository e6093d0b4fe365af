"""The interface language: chosen by cookie, never guessed from Accept-Language.

A cached page is one set of bytes for everyone who asks for its URL with the same cookie; a header that varies
per browser would have to split every cache (and CDN) entry by it, or poison it. So the interface language comes
from the language cookie when it names a language we offer, and is the default otherwise.
"""

from django.conf import settings
from django.utils import translation

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
