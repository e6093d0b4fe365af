"""What no page of ours can answer is refused at the door, before it reaches a view or a query.

- Control characters (NUL above all: PostgreSQL refuses it in text, so it would surface as a 500) in the path,
  the query string or a submitted form: 400.
- Methods: OPTIONS is answered with the allowed methods and no body; TRACE and anything else we do not serve: 405.
- Every response gets a Permissions-Policy that switches off the browser features we never use.
"""

import re
from functools import lru_cache

from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    JsonResponse,
)
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

API_PREFIX = "/api/"
SERVED_METHODS = {"GET", "HEAD", "POST", "OPTIONS"}
READ_ONLY_METHODS = ["GET", "HEAD", "OPTIONS"]
# C0 controls and DEL. Form fields may hold line breaks and tabs; a path may not.
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "clipboard-write=(self)",  # the reader copies citations
    ]
)


def read_only(view):
    """A page that only reads: GET and HEAD (OPTIONS is answered by the middleware), 405 for anything else."""
    guarded = require_safe(view)
    guarded.allowed_methods = READ_ONLY_METHODS
    return guarded


@lru_cache(maxsize=4096)
def resolved(path):
    """The URL pattern a path resolves to (None for none), remembered: answering a path again costs no regex
    matching (the page cache asks on every hit)."""
    try:
        return resolve(path)
    except Resolver404:
        return None


def allowed_methods(path):
    match = resolved(path)
    return getattr(match.func, "allowed_methods", sorted(SERVED_METHODS)) if match else None


def has_control_characters(request):
    if CONTROL_IN_PATH.search(request.path):
        return True
    fields = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        fields.append(request.POST)
    return any(
        CONTROL_IN_VALUE.search(name) or any(CONTROL_IN_VALUE.search(value) for value in values)
        for field in fields
        for name, values in field.lists()
    )


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.refusal(request) or self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def refusal(self, request):
        if request.method not in SERVED_METHODS:
            return HttpResponseNotAllowed(sorted(SERVED_METHODS))
        if has_control_characters(request):
            refusal = "Control characters are not allowed in addresses or forms."
            if request.path_info.startswith(API_PREFIX):  # the API's clients read JSON
                return JsonResponse({"detail": refusal}, status=400)
            return HttpResponseBadRequest(refusal, content_type="text/plain; charset=utf-8")
        if request.method == "OPTIONS":
            methods = allowed_methods(request.path_info)
            if methods is None:
                return HttpResponseNotFound()
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(methods)
            return response
        return None
