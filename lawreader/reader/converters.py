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
