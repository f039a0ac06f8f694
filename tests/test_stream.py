"""The JSON Lines record parser: every line becomes a text or an error that says what is wrong."""

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed.stream import byte_windows, format_record, parse_line


def test_a_json_object_with_a_text_field_gives_its_text():
    record = parse_line('{"id": 7, "text": "Hello"}\n', 3, "text")
    assert (record.text, record.error, record.data) == ("Hello", None, {"id": 7, "text": "Hello"})


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"body": "x"}', "no 'text' field"),
        ('{"text": null}', "field 'text' is null"),
        ('{"text": 5}', "field 'text' is int, not a string"),
    ],
)
def test_a_bad_line_gives_an_error_naming_the_fault(line, error):
    record = parse_line(line, 9, "text")
    assert record.text is None
    assert record.error.startswith(error)


def test_the_field_name_is_the_callers():
    assert parse_line('{"content": "Hi"}', 1, "content").text == "Hi"
    assert parse_line('{"text": "Hi"}', 1, "content").error == "no 'content' field"


@pytest.mark.parametrize("line", ["", "\n", "  \t \r\n"])
def test_a_blank_line_is_passed_through_not_an_error(line):
    """Issue 21.5: a trailing newline or a separator line is not a failed record."""
    record = parse_line(line, 4, "text")
    assert record.blank and record.error is None and record.text is None
    assert format_record(record, None, "cleaned") == ""


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=2, max_value=40))
def test_byte_windows_join_back_into_the_input(data, size):
    import io

    windows = list(byte_windows(io.BytesIO(data), size))
    assert b"".join(windows) == data
    assert all(len(w) <= size for w in windows)
    assert windows and all(windows) or data == b""


def test_byte_windows_cut_after_a_blank_line_and_never_inside_a_character():
    import io

    text = "First para.\n\nSecond para here.\n\nThird."
    windows = list(byte_windows(io.BytesIO(text.encode()), 20))
    assert windows[0] == b"First para.\n\n"
    cut = list(byte_windows(io.BytesIO(("é" * 30).encode()), 9))  # two-byte characters, no spaces
    assert all(w.decode("utf-8") for w in cut) and b"".join(cut) == ("é" * 30).encode()
