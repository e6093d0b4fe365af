"""No URL, query string or form gives a 500, on either database: every URL pattern is walked with hostile values
in each of its arguments and in every query parameter any page reads, as an anonymous reader and as staff."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

from lawreader.store.models import Annotation, Provision, Revision

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "x" * 10_000,
    "%C3%28",  # sent as raw bytes below: invalid UTF-8
    "%FF%FE%00",
    "../../../etc/passwd",
    "..%2F..%2Fsettings.py",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "-1",
    "99999999999999999999",
    "' OR 1=1 --",
    '<script>alert("x")</script>',
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ü \u202e",
]
QUERY_PARAMETERS = [
    "q",
    "lang",
    "law",
    "edition",
    "language",
    "kind",
    "in",
    "page",
    "date",
    "from",
    "to",
    "layout",
    "show",
    "notes",
    "notes_form",
    "revision",
    "target_eid",
    "o",
    "p",
    "all",
    "_changelist_filters",
    "stale",
    "status",
]
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
SAMPLE = {"slug": "foreign-intelligence", "date": "2014-04-18", "first": "2010-06-02", "second": "2024-01-05"}


def url_templates(patterns=None, prefix=""):
    """Every URL pattern as a path template with {argument} placeholders."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            yield from url_templates(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield ARGUMENT.sub(lambda m: "{" + (m[1] or m[2]) + "}", prefix + route)


def encoded(value):
    """A hostile value as it travels in a URL; the %XX forms are sent as they are (undecodable bytes)."""
    return value if value.startswith("%") or value.startswith("..%") else quote(value, safe="")


def samples(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    return {
        **SAMPLE,
        "eid": "art_9",
        "object_id": str(Annotation.objects.filter(law=bundled_law).values_list("pk", flat=True).first()),
        "app_label": "store",
        "content_type_id": "1",
        "revision": str(revision.pk),
        "provision": str(Provision.objects.of_revision(revision).values_list("pk", flat=True)[1]),
    }


def requests_to_try(bundled_law, templates):
    """Per URL pattern: its sample path with each hostile query string, and each argument made hostile in turn."""
    values = samples(bundled_law)
    for template in templates:
        names = re.findall(r"{(\w+)}", template)
        base = {name: values.get(name, "1") for name in names}
        path = "/" + template.format(**base)
        yield path
        for hostile in HOSTILE:
            yield f"{path}?" + "&".join(f"{name}={encoded(hostile)}" for name in QUERY_PARAMETERS)
            for name in names:
                yield "/" + template.format(**{**base, name: encoded(hostile)})


def assert_no_server_error(client, urls):
    seen = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url[:120], response.status_code)
        seen += 1
    return seen


def test_templates_cover_every_public_page():
    templates = list(url_templates())
    for expected in ["laws/{slug}/on/{date}/{eid}/", "laws/{slug}/history/{eid}/", "search/", "laws/{slug}/compare/"]:
        assert expected in templates


def test_no_public_url_or_query_gives_a_server_error(client, bundled_law):
    public = [template for template in url_templates() if not template.startswith("admin/")]
    assert assert_no_server_error(client, requests_to_try(bundled_law, public)) > 300


def test_no_admin_url_or_query_gives_a_server_error_to_staff(client, bundled_law):
    client.force_login(User.objects.create_superuser("boss", password="x-pw-12345-long"))
    ours = [
        template
        for template in url_templates()
        if template.startswith("admin/store/") and "delete" not in template and "history" not in template
    ]
    urls = [url for url in requests_to_try(bundled_law, ours) if "logout" not in url]
    assert assert_no_server_error(client, urls) > 300


def test_control_characters_are_refused_before_any_query(client, bundled_law, django_assert_max_num_queries):
    for path in ["/laws/foreign-intelligence/on/2024-01-05/%00/", "/search/?q=a%00b", "/laws/?x=%01"]:
        with django_assert_max_num_queries(0):
            response = client.get(path)
        assert response.status_code in (400, 404), path


def test_a_form_with_a_nul_byte_is_refused(client):
    response = client.post("/admin/login/", {"username": "admin\x00", "password": "x"})
    assert response.status_code == 400
