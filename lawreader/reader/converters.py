import datetime


class IsoDateConverter:
    """YYYY-MM-DD. An impossible date (2024-02-30) does not match, so it is a 404, never a 500."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date") from None

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value


class EidConverter:
    """An Akoma Ntoso eid: letters, digits, "_", "-" and "." and no longer than the store keeps. Anything else
    (control characters, a 10 kB string, percent-encoded bytes) cannot name a provision: a 404, never a query."""

    regex = r"[\w.-]{1,200}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
