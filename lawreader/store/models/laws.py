"""A law (the work) and its editions (one Revision per date and language)."""

from urllib.parse import quote

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lawreader import frbr

LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]


class Law(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=500)
    short_title = models.CharField(max_length=200, blank=True)
    number = models.CharField(max_length=50, blank=True, help_text=_('As printed, e.g. "No. 277-IV".'))
    jurisdiction = models.CharField(max_length=10, default="KZ")
    adopted_on = models.DateField(null=True, blank=True)
    official_id = models.CharField(
        max_length=50, blank=True, help_text=_("Identifier on the official legal information system, e.g. Z100000277_.")
    )
    default_language = models.CharField(max_length=2, choices=LANGUAGES, default="en")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        return reverse("reader:law", kwargs={"slug": self.slug})

    @property
    def official_url(self):
        """The official text on Kazakhstan's legal information system (adilet.zan.kz), in Russian; "" elsewhere."""
        if self.jurisdiction != "KZ" or not self.official_id:
            return ""
        return f"https://adilet.zan.kz/rus/docs/{quote(self.official_id)}"

    @cached_property
    def first_edition_date(self):
        """The day its first published edition took effect (store/timeline.py sets it when it reads the editions)."""
        return self.revisions.published().order_by("valid_from").values_list("valid_from", flat=True).first()

    @cached_property
    def work(self):
        """The law's FRBR work (lawreader/frbr.py): dated by its adoption, or where that is not recorded by its
        first edition; numbered as printed, or by its slug. None for a law with neither date (and so no edition)."""
        date = self.adopted_on or self.first_edition_date
        if date is None:
            return None
        return frbr.Work(self.jurisdiction.lower(), date, frbr.work_number(self.number, self.slug))


class RevisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Revision(models.Model):
    """One edition of a law in one language, valid from a date until the next edition's date."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    valid_from = models.DateField(
        help_text=_("The day it came into force, or when that hangs on an unrecorded date, the earliest it can have.")
    )
    in_force_certain = models.BooleanField(
        default=True, help_text=_("Is the date it came into force known, not only the earliest it can have been?")
    )
    in_force_basis = models.TextField(
        blank=True, help_text=_("How the date is known, e.g. the amending act's rule of entry into force.")
    )
    label = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500, blank=True, help_text=_("The law's title as printed in this edition."))
    source_note = models.TextField(
        blank=True, help_text=_("Where the text comes from, e.g. an unofficial translation.")
    )
    coverage_note = models.TextField(blank=True, help_text=_("What this edition incorporates and what it leaves out."))
    amended_by = models.TextField(blank=True, help_text=_("The amending acts this edition incorporates, one per line."))
    signature = models.TextField(blank=True)
    import_warnings = models.TextField(
        blank=True, help_text=_("Irregularities of the official text the importer read as published, one per line.")
    )
    defined_terms = models.JSONField(
        default=list, blank=True, help_text=_("The terms this edition defines: [{eid, term, text}], for popovers.")
    )
    cited_acts = models.TextField(
        blank=True,
        help_text=_('Keys of the other acts its text names that the library lacks ("act:379-IV"), one per line.'),
    )
    linked_with = models.PositiveSmallIntegerField(
        default=0, help_text=_("The version of the link finder this edition's links were worked out with (0: never).")
    )
    published = models.BooleanField(default=True)
    source_checksum = models.CharField(max_length=64, blank=True, help_text=_("SHA-256 of the imported file."))
    imported_at = models.DateTimeField(auto_now=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["law", "language", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["law", "language", "valid_from"], name="one_edition_per_law_language_date"),
        ]

    def __str__(self):
        return f"{self.law} ({self.language}, {self.valid_from:%Y-%m-%d})"

    @property
    def expression_uri(self):
        """ "/akn/kz/act/2010-05-22/277-IV/eng@2014-04-18": this edition's FRBR expression."""
        return self.law.work.expression_uri(self.language, self.valid_from)

    @property
    def amending_acts(self):
        return [line.strip() for line in self.amended_by.splitlines() if line.strip()]
