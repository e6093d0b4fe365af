class FrbrComponentConverter:
    """A component of a work's FRBR name ("277-IV", or a law's slug): lawreader/frbr.py's COMPONENT, no longer than
    a law's number or slug can be. Anything else cannot name a work: a 404, never a query."""

    regex = r"[\w.\-]{1,50}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
