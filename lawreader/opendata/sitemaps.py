"""sitemap.xml: every public page — the library, each law, each published edition and its contents, each chapter
and article page of every edition, each provision's history and each law's amendments — in sections that Django
pages at 50,000 addresses each, behind one index."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from lawreader.reader.contents import CONTENTS_KINDS
from lawreader.store.models import Law, Provision, Revision


def in_language(url, language, default_language):
    return url if language == default_language else f"{url}?lang={language}"


class LibrarySitemap(Sitemap):
    def items(self):
        return ["reader:library", "search:search"]

    def location(self, name):
        return reverse(name)


class LawSitemap(Sitemap):
    """Each law's current edition (its address moves on with the law) and its amending acts."""

    changefreq = "weekly"

    def items(self):
        return list(Law.objects.order_by("slug").values_list("slug", flat=True))

    def location(self, slug):
        return reverse("reader:law", args=[slug])


class AmendmentsSitemap(LawSitemap):
    def location(self, slug):
        return reverse("compare:amendments", args=[slug])


EDITION_FIELDS = ("law__slug", "valid_from", "language", "law__default_language", "imported_at")


class EditionSitemap(Sitemap):
    """Each published edition's full text; an edition never changes once in the past, so lastmod is its import."""

    route = "reader:edition"

    def items(self):
        return Revision.objects.published().order_by("pk").values_list(*EDITION_FIELDS)

    def location(self, edition):
        slug, valid_from, language, default_language, _imported = edition
        return in_language(reverse(self.route, args=[slug, valid_from]), language, default_language)

    def lastmod(self, edition):
        return edition[-1]


class ContentsSitemap(EditionSitemap):
    route = "reader:contents"


class ProvisionSitemap(Sitemap):
    """The page of every chapter and article (and the other units with pages of their own) of every edition."""

    def items(self):
        return (
            Provision.objects.filter(revision__published=True, kind__in=CONTENTS_KINDS)
            .order_by("pk")
            .values_list("eid", *(f"revision__{name}" for name in EDITION_FIELDS))
        )

    def location(self, row):
        eid, slug, valid_from, language, default_language, _imported = row
        return in_language(reverse("reader:provision", args=[slug, valid_from, eid]), language, default_language)

    def lastmod(self, row):
        return row[-1]


class HistorySitemap(Sitemap):
    """Each article's history through every edition, once per law."""

    def items(self):
        return (
            Provision.objects.filter(revision__published=True, kind__in=CONTENTS_KINDS)
            .order_by("revision__law__slug", "eid")
            .values_list("revision__law__slug", "eid")
            .distinct()
        )

    def location(self, row):
        return reverse("compare:history", args=row)


SITEMAPS = {
    "library": LibrarySitemap,
    "laws": LawSitemap,
    "amendments": AmendmentsSitemap,
    "editions": EditionSitemap,
    "contents": ContentsSitemap,
    "provisions": ProvisionSitemap,
    "histories": HistorySitemap,
}
