"""Annotation bodies are Markdown rendered safe: nothing a hostile body contains runs in a reader's browser."""

import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.utils.html import strip_tags

from lawreader.annotate.rendering import ALLOWED_TAGS, plain_text, render_body

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<body onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x "onerror=alert(1)")',
    '<a href="#" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:red}</style>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src="x` `<script>alert(1)</script>"` `>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '[x](eid:art_6" onmouseover="alert(1))',
    "[x](eid:../../admin/)",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:/>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "[a]: javascript:alert(1)\n\n[a]",
    "<!--<img src=x onerror=alert(1)>-->",
    "`<script>alert(1)</script>`",
]
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class LiveMarkup(HTMLParser):
    """Collects what a browser would act on: real tags, event handlers, URLs."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"attribute {name}")
            if (
                name in {"href", "src", "action", "data"}
                and urlsplit((value or "").strip()).scheme.lower() not in SAFE_SCHEMES
            ):
                self.problems.append(f"{name}={value}")

    def handle_comment(self, data):
        self.problems.append("comment")


def live_markup_problems(html):
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.problems


def test_there_are_at_least_30_payloads():
    assert len(XSS_PAYLOADS) >= 30


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_body_renders_harmless(payload):
    html = render_body(payload, "/laws/x/on/2014-04-18/")
    assert live_markup_problems(html) == [], html


def test_the_checker_itself_sees_live_markup():
    assert live_markup_problems('<p onclick="x">a</p><a href="javascript:x">b</a><script></script>') == [
        "attribute onclick",
        "href=javascript:x",
        "tag <script>",
    ]


def test_markdown_renders_and_internal_links_resolve_in_the_edition_being_read():
    html = render_body(
        "**Note** on [Article 6](eid:art_6) and [item 20-1](eid:art_9__subpara_20-1).", "/laws/fi/on/2014-04-18/"
    )
    assert "<strong>Note</strong>" in html
    assert '<a href="/laws/fi/on/2014-04-18/art_6/" rel="nofollow noopener">Article 6</a>' in html
    assert 'href="/laws/fi/on/2014-04-18/art_9/#art_9__subpara_20-1"' in html


def test_external_links_get_nofollow_noopener():
    html = render_body("[official text](https://adilet.zan.kz/rus/docs/Z100000277_)")
    assert 'rel="nofollow noopener"' in html
    assert 'href="https://adilet.zan.kz/rus/docs/Z100000277_"' in html


def test_malformed_eid_link_points_nowhere():
    html = render_body("[x](eid:../../admin/)", "/laws/fi/on/2014-04-18/")
    assert "admin" not in html


@pytest.mark.parametrize(
    "body",
    [
        "Footnote. Article 5 as amended by Law No. 101-BENCH.",
        "1-бапқа өзгерту енгізілді - ҚР 1997.07.11 N 154 Заңдарымен.",
        "Сноска. Статья 3 – в редакции Закона РК от 18.04.2014 № 200-V (вводится в действие)\nс «оговоркой»?",
        "2014 year\n\nSecond paragraph, 50% of it: \"quoted\" and 'quoted'.",
        "",
    ],
)
def test_a_note_with_no_markdown_in_it_is_its_words_as_rendering_gives_them(body):
    assert plain_text(body) == " ".join(body.split())
    assert plain_text(body) == " ".join(html.unescape(strip_tags(render_body(body))).split())


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("*Intelligence information* &amp; [Article 6](eid:art_6)", "Intelligence information & Article 6"),
        ("1. First item\n2) Second item", "First item Second item"),
        ("- listed\n# Heading\n> quoted", "listed Heading quoted"),
        ("Heading\n===", "Heading"),
        ("snake_case and a\\*star", "snake_case and a*star"),
    ],
)
def test_a_note_with_markdown_in_it_is_read_without_its_markup(body, words):
    assert plain_text(body) == words
