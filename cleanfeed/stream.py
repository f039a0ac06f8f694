"""Streaming JSON Lines in, JSON Lines out: one output line per input line, in order.

Records are read and written in chunks, so memory stays flat however many records come.  A
line that is not a JSON object, or lacks the text field, becomes an error object at its
own output position (``{"error": ..., "line": N}``) and is reported to the caller, which
carries on and exits non-zero at the end: a batch never loses a record silently.  A blank
line is passed through as a blank line, so output line N still answers input line N.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .decide import LabelledBlock
from .pagekind import PageVerdict
from .signals import PageSignals

__all__ = ["Record", "parse_line", "format_record", "dumps_line", "byte_windows", "WINDOW_BYTES"]

# Characters that str.splitlines() and some JSON Lines readers treat as line breaks; JSON
# allows them raw, so they are escaped to keep one record on one physical line.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps_line(obj: Any) -> str:
    """``obj`` as one JSON line, readable UTF-8, with no character a reader could split on."""
    text = json.dumps(obj, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKERS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


#: Lines per chunk: enough for the model to run efficiently, few enough to stream.
CHUNK_LINES = 64

#: Plain-text input is read and labelled in windows of about this many bytes, so memory
#: stays bounded whatever the size of the input.  Far above any real page (the corpus's
#: longest are a few hundred kilobytes), so a page is nearly always one window; a longer
#: input is cut at a blank line, else a line break, else a space, and each window is
#: labelled as a page of its own.
WINDOW_BYTES = 1 << 20


def _window_end(buf: bytes, size: int) -> int:
    """Where to end the window that starts ``buf`` (at most ``size`` bytes): just after the
    last blank line, line break or space in it, else at the last UTF-8 character start."""
    for sep in (b"\n\n", b"\n", b" "):
        at = buf.rfind(sep, 0, size)
        if at > 0:
            return at + len(sep)
    end = size
    while end > 1 and buf[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back
        end -= 1
    return end


def byte_windows(source: Any, size: int | None = None) -> Iterator[bytes]:
    """The bytes of the binary stream ``source`` in consecutive windows of at most ``size``
    (default ``WINDOW_BYTES``) bytes that join back into the input exactly."""
    size = size or WINDOW_BYTES
    buf = b""
    yielded = False
    while True:
        data = source.read(size)
        if not data:
            break
        buf += data
        while len(buf) > size:
            end = _window_end(buf, size)
            yield buf[:end]
            yielded = True
            buf = buf[end:]
    if buf or not yielded:  # empty input is one empty window
        yield buf


@dataclass
class Record:
    line_no: int  # 1-based
    data: dict[str, Any] | None
    text: str | None
    error: str | None
    #: A blank (or whitespace-only) input line: passed through as a blank output line,
    #: neither cleaned nor an error (a trailing newline or a separator between batches).
    blank: bool = False


def decode(raw: bytes, strict: bool) -> tuple[str, int | None]:
    """``raw`` (a JSON line, a window of plain text) as text, and the offset of its first
    invalid UTF-8 byte (``None`` if valid): replaced with U+FFFD, or, ``strict``, raised."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if strict:
            raise
        return raw.decode("utf-8", errors="replace"), exc.start


def parse_line(text: str, line_no: int, field: str) -> Record:
    stripped = text.strip()
    if not stripped:
        return Record(line_no, None, None, None, blank=True)
    try:
        data = json.loads(stripped)
    except ValueError as exc:
        return Record(line_no, None, None, f"not valid JSON: {exc}")
    if not isinstance(data, dict):
        return Record(line_no, None, None, f"expected a JSON object, got {type(data).__name__}")
    if field not in data:
        return Record(line_no, data, None, f"no {field!r} field")
    value = data[field]
    if value is None:
        # Null texts are what failed fetches leave in a crawl; say so rather than "missing".
        return Record(line_no, data, None, f"field {field!r} is null")
    if not isinstance(value, str):
        return Record(line_no, data, None, f"field {field!r} is {type(value).__name__}, not a string")
    return Record(line_no, data, value, None)


def chunked(items: Iterable[Any], size: int = CHUNK_LINES) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def format_record(
    record: Record,
    cleaned: str | None,
    output_field: str,
    blocks: list[LabelledBlock] | None = None,
    signals: PageSignals | None = None,
    verdict: PageVerdict | None = None,
    dropped: str | None = None,
) -> str:
    """The output line for one record: its fields plus the cleaned text (and, when given,
    its labelled blocks as ``blocks``, its quality signals as ``signals``, its page kind as
    ``page`` and why it was dropped as ``dropped``), an error object, or nothing for a
    blank line."""
    if record.blank:
        return ""
    if record.error is not None:
        out: dict[str, Any] = {"error": record.error, "line": record.line_no}
        if record.data is not None and "id" in record.data:
            out["id"] = record.data["id"]
        return dumps_line(out)
    assert record.data is not None and cleaned is not None
    out = dict(record.data)
    out[output_field] = cleaned
    if blocks is not None:
        out["blocks"] = [b.to_dict() for b in blocks]
    if signals is not None:
        out["signals"] = signals.to_dict()
    if verdict is not None:
        out["page"] = verdict.to_dict()
    if dropped is not None:
        out["dropped"] = dropped
    return dumps_line(out)
