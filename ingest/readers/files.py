"""Low-level file helpers: OS error reasons, size-limited reads, strict UTF-8 decoding."""

from __future__ import annotations

import errno
import os

from diplokg.errors import BadInput

__all__ = ["check_bytes", "decode_utf8", "os_reason", "read_bytes"]


def os_reason(e: OSError) -> str:
    """A short reason for an OSError met while reading an input."""
    if isinstance(e, FileNotFoundError):
        return "file not found"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    if e.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return e.strerror or str(e)


def read_bytes(path: str | os.PathLike, *, source: str, max_bytes: int | None = None) -> bytes:
    """All bytes of ``path`` (at most ``max_bytes``). Raises BadInput."""
    try:
        with open(path, "rb") as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
    except OSError as e:
        raise BadInput(source, os_reason(e)) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise BadInput(source, f"larger than {max_bytes} bytes")
    return data


def check_bytes(data: bytes, source: str) -> None:
    """BadInput if ``data`` is empty or binary (NUL bytes)."""
    if not data:
        raise BadInput(source, "empty")
    if b"\x00" in data:
        raise BadInput(source, "binary file (contains NUL bytes)")


def decode_utf8(data: bytes, source: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); BadInput naming the first bad byte and its offset."""
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = e.start + skip
        raise BadInput(source, f"not UTF-8 (byte 0x{data[offset]:02x} at offset {offset})") from None
