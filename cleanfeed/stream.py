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

__all__ = ["Record", "parse_line", "format_record", "dumps_line"]

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


@dataclass
class Record:
    line_no: int  # 1-based
    data: dict[str, Any] | None
    text: str | None
    error: str | None
    #: A blank (or whitespace-only) input line: passed through as a blank output line,
    #: neither cleaned nor an error (a trailing newline or a separator between batches).
    blank: bool = False


def decode_line(raw: bytes, strict: bool) -> tuple[str, int]:
    """The line as text and how many replacement characters decoding added (strict: raise)."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        if strict:
            raise
        text = raw.decode("utf-8", errors="replace")
        return text, text.count("\ufffd") - raw.decode("utf-8", errors="ignore").count("\ufffd")


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
) -> str:
    """The output line for one record: its fields plus the cleaned text (and, when given,
    its labelled blocks as ``blocks``), an error object, or nothing for a blank line."""
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
    return dumps_line(out)
