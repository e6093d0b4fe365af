"""Responses compressed by what the client accepts: brotli where it says `br`, else gzip, else as they are. The one
place that negotiates and compresses: the page cache keeps each encoding of a page once a reader has asked for it,
and this middleware compresses what is not cached (search, the admin, personal pages)."""

import gzip
import re
import zlib

import brotli
from django.utils.cache import patch_vary_headers

BROTLI, GZIP = "br", "gzip"
ENCODINGS = (BROTLI, GZIP)  # in order of preference
# Pages are compressed on the request that renders them. On the bundled law's 245 kB edition page, brotli at
# quality 5 makes 25.7 kB in 3.2 ms, gzip at level 6 30.4 kB in 4.4 ms; quality 11 would make 21.6 kB in 440 ms.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
# A whole edition of a large code is megabytes (22 MB for a 26,000-provision code with 3,000 notes), and it is
# streamed. There the best levels cost more time than the bytes save: brotli 3 makes 2.23 MB in 0.10 s (quality 5:
# 1.91 MB in 0.27 s), gzip 1 makes 2.90 MB in 0.11 s (level 6: 2.26 MB in 0.35 s).
LARGE = 1 << 20
LARGE_BROTLI_QUALITY = 3
LARGE_GZIP_LEVEL = 1
GZIP_WINDOW = 16 + zlib.MAX_WBITS  # zlib's way of asking for the gzip container
MINIMUM_SIZE = 200  # smaller bodies grow when compressed
CODING = re.compile(r"\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def accepted_encoding(request):
    """ "br", "gzip" or None, by the request's Accept-Encoding (an encoding with q=0 is refused)."""
    header = request.headers.get("Accept-Encoding", "")
    if not header:
        return None
    accepted = {}
    for part in header.split(","):
        match = CODING.fullmatch(part)
        if match:
            try:
                accepted[match[1].lower()] = float(match[2]) if match[2] else 1.0
            except ValueError:
                continue
    for encoding in ENCODINGS:
        quality = accepted.get(encoding, accepted.get("*", 0.0))
        if quality > 0:
            return encoding
    return None


def compress(content, encoding):
    large = len(content) >= LARGE
    if encoding == BROTLI:
        return brotli.compress(content, quality=LARGE_BROTLI_QUALITY if large else BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=LARGE_GZIP_LEVEL if large else GZIP_LEVEL, mtime=0)


def compress_stream(chunks, encoding):
    """A streamed body (only large pages stream) compressed as it goes, each chunk flushed so the reader sees it as
    soon as it is made."""
    if encoding == BROTLI:
        compressor = brotli.Compressor(quality=LARGE_BROTLI_QUALITY)
        for chunk in chunks:
            yield compressor.process(chunk) + compressor.flush()
        yield compressor.finish()
        return
    compressor = zlib.compressobj(LARGE_GZIP_LEVEL, zlib.DEFLATED, GZIP_WINDOW)
    for chunk in chunks:
        yield compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
    yield compressor.flush()


def encoded_etag(etag, encoding):
    """Each encoding is its own representation, with its own strong validator."""
    return f'{etag[:-1]}-{encoding}"' if encoding and etag.endswith('"') else etag


class CompressionMiddleware:
    """Django's GZipMiddleware, with brotli first: compresses what the views rendered uncompressed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Content-Encoding") or not response.has_header("Content-Type"):
            return response
        if not response.streaming and len(response.content) < MINIMUM_SIZE:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request)
        if encoding is None:
            return response
        if response.streaming:
            response.streaming_content = compress_stream(response.streaming_content, encoding)
            del response.headers["Content-Length"]
        else:
            compressed = compress(response.content, encoding)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        if response.has_header("ETag"):
            response.headers["ETag"] = encoded_etag(response["ETag"], encoding)
        response.headers["Content-Encoding"] = encoding
        return response
