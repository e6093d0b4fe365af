"""Reading statute files from disk with errors a person can act on."""

from django.core.management.base import CommandError

# The largest statute is a few megabytes of UTF-8; a file far beyond that is refused before it is read.
MAX_FILE_BYTES = 24 * 1024 * 1024
STATUTE_SUFFIXES = {".md", ".txt", ".xml"}  # official texts; Akoma Ntoso documents


def statute_files(paths):
    """The files named, and the statute files (.md, .txt, .xml) in the folders named, in a stable order."""
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if is_statute_file(p))
            if not found:
                raise CommandError(f"{path}: the folder holds no .md, .txt or .xml files.")
            files.extend(found)
        else:
            files.append(path)
    return files


def is_statute_file(path):
    """A statute's file in a folder of statutes, its README aside."""
    return path.suffix.lower() in STATUTE_SUFFIXES and path.is_file() and not path.stem.lower().startswith("readme")


def read_source(path):
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CommandError(
                f"{path}: {size / 1024 / 1024:.0f} MB is more than a statute's text can be "
                f"(at most {MAX_FILE_BYTES // 1024 // 1024} MB are read). Nothing was imported."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a folder, not a file.") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(
            f"{path}: line {line} is not UTF-8 text; save the file as UTF-8. Nothing was imported."
        ) from None
