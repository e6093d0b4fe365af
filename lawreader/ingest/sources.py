"""Reading statute files from disk with errors a person can act on."""

from django.core.management.base import CommandError


def read_source(path):
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file.") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(
            f"{path}: line {line} is not UTF-8 text; save the file as UTF-8. Nothing was imported."
        ) from None
