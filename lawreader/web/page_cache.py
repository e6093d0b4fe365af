"""Whole pages of a law, cached for anonymous readers and answered conditionally.

What a cached page is keyed by — everything that changes its bytes, and nothing a client can vary at will:
- the law's public version (store.LawVersion: database triggers move it on every write that changes what readers
  see, in the write's own transaction, whichever way the write was made; drafts do not move it);
- today's date ("the edition in force today" moves on by itself);
- the interface language (from the language cookie, see web/language.py) and the host;
- the URL name and its arguments, and the query parameters the page declares, with values it accepts. Any other
  parameter is ignored, and dropped from the request before the view sees it, so `?v=1`, `?v=2`, … are one page.

A process trusts the version it last read for VERSION_TRUST_SECONDS (at most 1 s); its own writes retire it at
once (web/signals.py). So a change reaches every reader of every process within that window, with or without
Redis, and a revalidation (If-None-Match) is a 304 answered from the version alone. Browsers revalidate every time
(`max-age=0, must-revalidate`); no shared cache is told it may keep a page longer.

Pages are stored with their bytes in each encoding a reader has asked for (brotli, gzip), each compressed once: the
request that renders a page compresses it only as that reader accepts (a streamed page's compressed chunks are what
is kept), the first reader to ask for another encoding has it compressed and stored beside, and every later hit
costs no compression. Pages are kept in two tiers: a per-process LRU bounded in bytes, and the `pages` cache (Redis when REDIS_URL is
set, bounded by Redis's maxmemory with allkeys-lru, see the README; nothing otherwise).

Staff, and readers with a session of their own (a note filter), are never served from or stored in these
caches, and get `Cache-Control: private`.
"""

import datetime
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, quote_etag

from lawreader.store.models import LawVersion
from lawreader.web.compression import accepted_encoding, compress, compress_stream, encoded_etag
from lawreader.web.guards import read_only, resolved
from lawreader.web.language import interface_language

PAGE_TIMEOUT = 24 * 3600
# The largest page kept: a whole edition of a 1,000-article code with its notes is ~22 MB; of a 10,000-article one
# over 200 MB, which is better streamed afresh than held in memory and in Redis.
MAX_STORED_PAGE_BYTES = 64 * 1024 * 1024
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
# Query parameters that make a page the reader's own (their note filter): such requests are never cached.
PERSONAL_PARAMETERS = ("notes", "notes_form")
MISSING = object()
LIBRARY = ":library"  # the library's version is memoised beside the laws' under a key no slug can be


class LocalLayer:
    """A process's own copy of the hottest pages, in front of the shared tier (no network round trip, no
    unpickling), bounded in bytes; its memo of each law's version; and the data derived from laws' versions that
    pages read (contents, note counts), as objects — every page of a law reads them, and unpickling a thousand-article
    contents costs more than the rest of a page."""

    def __init__(self, max_bytes, max_laws=1000, max_derived=256):
        self.max_bytes = max_bytes
        self.max_laws = max_laws
        self.max_derived = max_derived
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        with self.lock:
            self.versions = {}
            self.derived = OrderedDict()
        self.clear_pages()

    def clear_pages(self):
        with self.lock:
            self.pages = OrderedDict()
            self.bytes = 0

    def derived_value(self, key):
        with self.lock:
            value = self.derived.get(key, MISSING)
            if value is not MISSING:
                self.derived.move_to_end(key)
            return value

    def remember_derived(self, key, value):
        with self.lock:
            self.derived[key] = value
            if len(self.derived) > self.max_derived:
                self.derived.popitem(last=False)

    def version(self, slug):
        memo = self.versions.get(slug)
        return memo[1] if memo and memo[0] > time.monotonic() else None

    def remember_version(self, slug, version):
        with self.lock:
            if len(self.versions) >= self.max_laws:
                self.versions.clear()
            self.versions[slug] = (time.monotonic() + settings.LAWREADER_VERSION_TRUST_SECONDS, version)

    def forget_versions(self):
        with self.lock:
            self.versions = {}

    def page(self, key):
        with self.lock:
            value = self.pages.get(key)
            if value is not None:
                self.pages.move_to_end(key)
            return value

    def remember_page(self, key, value):
        """Keep `value` under `key`, in place of any earlier one (a page with an encoding more)."""
        size = len(value)
        if size > self.max_bytes // 8:
            return  # one huge page would push out everything else; the shared tier keeps it
        with self.lock:
            earlier = self.pages.pop(key, None)
            if earlier is not None:
                self.bytes -= len(earlier)
            self.pages[key] = value
            self.bytes += size
            while self.bytes > self.max_bytes:
                _key, evicted = self.pages.popitem(last=False)
                self.bytes -= len(evicted)


local = LocalLayer(settings.LAWREADER_LOCAL_PAGE_BYTES)


def shared_pages():
    return caches["pages"]


def clear():
    """Forget every cached page and version: after a deployment, and between tests."""
    local.clear()
    shared_pages().clear()
    cache.clear()


def clear_pages():
    """Forget the stored pages alone, keeping what they are made from (versions, contents, note counts): the next
    request for each is a page-cache miss on a site in use, as after any change to one of its laws' notes."""
    local.clear_pages()
    shared_pages().clear()


def public_version(slug):
    """The law's PublicVersion, or None when there is no such law; read at most once per trust window."""
    version = local.version(slug)
    if version is None:
        version = LawVersion.objects.of_slug(slug) or MISSING
        local.remember_version(slug, version)
    return None if version is MISSING else version


def library_version():
    """The library's version (LawVersionQuerySet.of_library), read at most once per trust window."""
    version = local.version(LIBRARY)
    if version is None:
        version = LawVersion.objects.of_library()
        local.remember_version(LIBRARY, version)
    return version


def cached_for_law(slug, name, compute, in_process=True):
    """Data derived from a law's public content (its contents, note counts), cached until that content changes: in
    the shared cache, and unless `in_process` is False (large bytes) as the object itself in this process. Callers
    share the object, so they read it and never change it."""
    version = public_version(slug)
    if version is None:
        return compute()
    return cached_derived(f"lawreader:{name}:{version.law_id}:{version.version}", compute, in_process)


def cached_for_library(name, compute):
    """Data derived from every law's public content (the laws, the languages their editions are in), cached as
    cached_for_law caches one law's until any law's public content changes or a law is added or removed."""
    return cached_derived(f"lawreader:{name}:library:{library_version()}", compute)


def cached_derived(key, compute, in_process=True):
    value = local.derived_value(key) if in_process else MISSING
    if value is MISSING:
        value = cache.get_or_set(key, compute, PAGE_TIMEOUT)
        if in_process:
            local.remember_derived(key, value)
    return value


@dataclass(frozen=True)
class PagePolicy:
    """The query parameters a cached page understands, each with the values it accepts."""

    parameters: dict

    def canonical_query(self, query):
        pairs = [(name, query[name]) for name in sorted(self.parameters) if query.get(name) in self.parameters[name]]
        return urlencode(pairs)


class EveryParameter:
    """The policy of data whose every query parameter may change it (the API's JSON): all of them are in the key."""

    @staticmethod
    def canonical_query(query):
        return urlencode(sorted((name, value) for name, values in query.lists() for value in values))


EVERY_PARAMETER = EveryParameter()


@dataclass(frozen=True)
class PageEntry:
    key: str
    etag: str
    last_modified: float  # a POSIX timestamp: when the page last changed, at the latest


def page_entry(request, match, policy, slug):
    """Where this page of the law `slug` is cached, and its validators; None for a law that does not exist."""
    version = public_version(slug)
    if version is None:
        return None
    today = datetime.date.today()
    arguments = sorted((name, str(value)) for name, value in match.kwargs.items())
    parts = [
        version.law_id,
        version.version,
        version.changed_at,
        today,
        interface_language(request),
        request.get_host(),  # also enforces ALLOWED_HOSTS on a hit
        match.view_name,
        arguments,
        policy.canonical_query(request.GET),
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    start_of_today = datetime.datetime.combine(today, datetime.time.min).timestamp()
    return PageEntry(f"lawreader:page:{digest}", quote_etag(digest[:32]), max(version.changed_at, start_of_today))


@dataclass(frozen=True)
class StoredPage:
    """A rendered page as the cache keeps it: its bytes, and the same bytes in each encoding readers have asked for,
    each compressed once."""

    content: bytes
    encoded: dict  # {"br": bytes, "gzip": bytes}, as far as asked for
    content_type: str
    status: int

    def __len__(self):
        return len(self.content) + sum(len(body) for body in self.encoded.values())

    def with_encoding(self, encoding):
        return replace(self, encoded={**self.encoded, encoding: compress(self.content, encoding)})


def etag_for(entry, request):
    return encoded_etag(entry.etag, accepted_encoding(request))


def is_fresh(request, entry):
    """Does the reader's copy match? Only the ETag can say: it is derived from the version. If-Modified-Since is
    not honoured, because a date cannot prove a copy current — Last-Modified has one-second resolution, and the
    change time is stamped inside the writing transaction, which may commit seconds later."""
    tags = [tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))]
    return "*" in tags or etag_for(entry, request) in tags


def cached_response(request, entry):
    """A 304 when the reader's copy is current, else the stored page, else None."""
    if is_fresh(request, entry):
        return finish(HttpResponseNotModified(), entry, request)
    stored = local.page(entry.key)
    if stored is None:
        stored = shared_pages().get(entry.key)
        if stored is None:
            return None
        local.remember_page(entry.key, stored)
    return served(stored, entry, request)


def served(stored, entry, request):
    """The stored page in the encoding the reader accepts, compressed (and kept so) if no reader has asked for that
    encoding before."""
    encoding = accepted_encoding(request)
    if encoding is not None and encoding not in stored.encoded:
        stored = keep(entry, stored.with_encoding(encoding))
    if encoding is not None:
        response = HttpResponse(stored.encoded[encoding], content_type=stored.content_type, status=stored.status)
        response["Content-Encoding"] = encoding
    else:
        response = HttpResponse(stored.content, content_type=stored.content_type, status=stored.status)
    return finish(response, entry, request)


def keep(entry, stored):
    local.remember_page(entry.key, stored)
    shared_pages().set(entry.key, stored, PAGE_TIMEOUT)
    return stored


def stored_when_streamed(request, response, entry):
    """Let a streamed page reach the reader chunk by chunk, compressed as they accept, and store it whole once the
    last chunk has gone (a reader who leaves early leaves nothing half-stored), with the compressed bytes they were
    sent. A page too large to keep is only sent."""
    encoding = accepted_encoding(request)
    plain = Recording(response.streaming_content)
    sent = plain
    if encoding is not None:
        sent = Recording(compress_stream(plain, encoding))
        response.headers["Content-Encoding"] = encoding

    def relay():
        yield from sent
        if plain.kept:
            encoded = {encoding: sent.content()} if encoding is not None else {}
            keep(entry, StoredPage(plain.content(), encoded, response["Content-Type"], response.status_code))

    response.streaming_content = relay()
    return finish(response, entry, None)


class Recording:
    """Chunks passed on as they come, and kept while what they make is small enough to store."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.recorded = []
        self.size = 0

    def __iter__(self):
        for chunk in self.chunks:
            self.size += len(chunk)
            if self.kept:
                self.recorded.append(chunk)
            yield chunk

    @property
    def kept(self):
        return self.size <= MAX_STORED_PAGE_BYTES

    def content(self):
        return b"".join(self.recorded)


def finish(response, entry, request):
    """Validators and caching headers. A 304 names the representation the reader holds; anything else the one it
    carries (a response compressed later, by the middleware, has its validator renamed there)."""
    if response.status_code == 304:
        response["ETag"] = etag_for(entry, request)
    else:
        response["ETag"] = encoded_etag(entry.etag, response.get("Content-Encoding"))
    response["Last-Modified"] = http_date(int(entry.last_modified))
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response


def could_be_shared(request):
    """A read without a note filter of the reader's own: what a CDN would see too. (Whether a session makes the
    page personal is asked apart: the middleware answers before sessions exist.)"""
    return request.method in ("GET", "HEAD") and not any(name in request.GET for name in PERSONAL_PARAMETERS)


def is_personal(request):
    """Pages that differ per reader: staff (drafts, edit links) and readers with a session of their own."""
    if not could_be_shared(request):
        return True
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    return has_session and (request.user.is_authenticated or not request.session.is_empty())


def canonicalise(request, policy):
    """Leave the view only the parameters the page is keyed by: it cannot render what the key does not hold."""
    query = policy.canonical_query(request.GET)
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


def cached_law_page(**parameters):
    """Cache a read-only page of a law (the view takes `slug`) for anonymous readers. `parameters` names the
    query parameters the page understands, each with the values it accepts."""
    return cached_by_law_version(PagePolicy({name: frozenset(values) for name, values in parameters.items()}))


def cached_by_law_version(policy):
    """Cache what a view returns about a law for anonymous readers, keyed as `page_entry` says, answering
    If-None-Match with a 304 and storing the compressed bytes alongside."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if is_personal(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            slug = request.resolver_match.kwargs["slug"]
            return shared_law_page(request, slug, policy, lambda: view(request, *args, **kwargs))

        wrapper.page_policy = policy
        return read_only(wrapper)

    return decorate


def shared_law_page(request, slug, policy, render):
    """A page of the law `slug` that is the same for every reader: a 304 when the reader's copy is current, else
    the cached page, else `render()` (called with only the query parameters `policy` declares), cached for the next
    reader. For a page whose URL does not name the law by its slug, once the view has found the law."""
    entry = page_entry(request, request.resolver_match, policy, slug)
    if entry is None:
        return render()
    hit = cached_response(request, entry)
    if hit is not None:
        return hit
    canonicalise(request, policy)
    response = render()
    if response.status_code not in (200, 404):
        return response
    if response.streaming:
        return stored_when_streamed(request, response, entry)
    stored = keep(entry, StoredPage(response.content, {}, response["Content-Type"], response.status_code))
    return served(stored, entry, request)


class CachedPageMiddleware:
    """Answers page-cache hits before sessions, authentication, CSRF and the view: a cached page then costs little
    more than a static file. Only for what a CDN would see too — a GET without a session cookie or a note filter;
    everything else goes down the stack to the view and its decorator, which key the page the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.hit(request) or self.get_response(request)

    @staticmethod
    def hit(request):
        if not could_be_shared(request) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        match = resolved(request.path_info)
        policy = getattr(match.func, "page_policy", None) if match else None
        if policy is None:
            return None
        entry = page_entry(request, match, policy, match.kwargs["slug"])
        return cached_response(request, entry) if entry else None
