"""The JSON Lines record parser: every line becomes a text or an error that says what is wrong."""

import pytest

from cleanfeed.stream import format_record, parse_line


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
