"""The ``cleanfeed`` command: a filter from page text to article text, and the tooling verbs.

    cleanfeed < page.txt > article.txt
    cleanfeed --jsonl --field text < pages.jsonl > cleaned.jsonl
    cleanfeed --list-rules
    cleanfeed corpus build --data ../shared/data --out .cache/corpus
    cleanfeed train --corpus .cache/corpus --out models/
    cleanfeed evaluate --model models --corpus .cache/corpus   # re-score the eval sets only

Exit codes: 0 success; 1 some JSON Lines records could not be processed (each has an
error object in the output); 2 bad usage, unreadable model or rule file, a file the
command cannot read or write (input, data set, output directory), or invalid UTF-8 under
``--strict``; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from . import __version__
from .labels import check_labels
from .pagekind import DEFAULT_MIN_ARTICLE_PROB

EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DATA_ENV = "CLEANFEED_DATA"
#: The tooling verbs, run by ``cleanfeed.training.cli`` (which needs the corpus extra).
TOOL_VERBS = ("corpus", "train", "evaluate", "page-kind")


class UsageError(Exception):
    """A user error: printed as one line on stderr, exit code 2."""


def _threshold(value: str) -> tuple[str, float]:
    label, sep, number = value.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected LABEL=P, e.g. spam=0.3, not {value!r}")
    try:
        check_labels([label.strip()])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return label.strip(), _probability(number)


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"{p} is not a probability in [0, 1]")
    return p


def _labels_arg(value: str) -> tuple[str, ...]:
    try:
        labels = check_labels(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not labels:
        raise argparse.ArgumentTypeError("give at least one label")
    return labels


def _one_label(value: str) -> str:
    labels = _labels_arg(value)
    if len(labels) != 1:
        raise argparse.ArgumentTypeError(f"give one label, not {len(labels)}")
    return labels[0]


def _whole_number(option: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type`` for ``option``: a whole number from ``low`` (to ``high``)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if n < low or (high is not None and n > high):
            bounds = f"at least {low}" if high is None else f"between {low} and {high}"
            raise argparse.ArgumentTypeError(f"{option} must be {bounds}")
        return n

    return parse


_jobs = _whole_number("--jobs", 1)


def filter_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanfeed",
        description=(
            "Label every block of scraped plain text as body, caption, navigation, comment or spam, "
            "and print the article. Reads FILE or standard input."
        ),
        epilog=(
            "other commands: 'cleanfeed corpus build --help' builds the training corpus; "
            "'cleanfeed train --help' trains a model; 'cleanfeed evaluate --help' re-scores a trained model on the "
            "corpus's eval sets; 'cleanfeed page-kind --help' trains the page-kind model.  Exit codes: 0 ok, 1 some JSONL records failed, "
            "2 usage, input or output error (unreadable file, full disk), 130 interrupted."
        ),
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="input file (default: standard input)")
    p.add_argument("--keep", type=_labels_arg, default=("body",), metavar="LABELS",
                   help="comma-separated labels to keep in the cleaned text (default: body)")
    p.add_argument("--format", choices=("text", "jsonl", "html"), default="text",
                   help="text: the kept blocks; jsonl: one JSON object per block with label, confidence, offsets and "
                        "reason; html: a self-contained page showing every block coloured by label (with --jsonl: one "
                        "section per record, at most 200)")
    p.add_argument("--jsonl", action="store_true",
                   help="read JSON Lines (one page per line) and write one JSON object per input line, in order")
    p.add_argument("--field", default=None, metavar="NAME", help="with --jsonl: the input field holding the page text (default: text)")
    p.add_argument("--output-field", default=None, metavar="NAME",
                   help="with --jsonl: the field the cleaned text is written to (default: cleaned)")
    p.add_argument("--labels", action="store_true", help="with --jsonl: also write every block with its label as 'blocks'")
    p.add_argument("--signals", action="store_true",
                   help="with --jsonl: also write the page's quality signals as 'signals' (share of body, caption, "
                        "navigation, comment and spam characters, mean confidence, unreadable share)")
    p.add_argument("--page-kind", action="store_true",
                   help="with --jsonl: also write the page's kind as 'page' (article, listing, forum, product or other, "
                        "with the probability of each)")
    p.add_argument("--min-article-prob", type=_probability, nargs="?", const=DEFAULT_MIN_ARTICLE_PROB, default=None,
                   metavar="P",
                   help=f"keep only articles: a page whose article probability is below P (given alone: "
                        f"{DEFAULT_MIN_ARTICLE_PROB}) gives empty output, and with --jsonl a 'dropped' field saying why; "
                        "what each threshold keeps and drops on held-out pages is in benchmarks/RESULTS.md")
    p.add_argument("--model", metavar="PATH", help="model directory or its model file (default: the shipped model)")
    p.add_argument("--rules-only", action="store_true",
                   help="no model, several times faster: rules decide, and blocks no rule claims are body "
                        "when they read as prose (or head it), else navigation")
    p.add_argument("--fallback", type=_one_label, metavar="LABEL",
                   help="with --rules-only: give every block no rule claims this label instead of judging its layout "
                        "(--fallback body keeps them all)")
    p.add_argument("--rules", metavar="FILE", help="TOML or JSON rule file added on top of the default rules")
    p.add_argument("--disable-rule", action="append", default=[], metavar="NAME",
                   help="switch off a rule by name (repeatable; see --list-rules)")
    p.add_argument("--threshold", type=_threshold, action="append", default=[], metavar="LABEL=P",
                   help="assign LABEL whenever its probability reaches P, e.g. spam=0.3 (repeatable)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="worker processes for --jsonl batches (default: 1)")
    p.add_argument("--strict", action="store_true",
                   help="refuse invalid UTF-8 (exit 2, naming the byte offset) instead of replacing it with a warning")
    progress = p.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="show records and docs/s on stderr (default: only when stderr is a terminal)")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    p.add_argument("--list-rules", action="store_true", help="print every active rule with its label, strength and rationale, and exit")
    p.add_argument("--version", action="version", version=f"cleanfeed {__version__}")
    return p


def _err(msg: str) -> None:
    print(f"cleanfeed: {msg}", file=sys.stderr)


def _list_rules(pipeline: Any, out: IO[str]) -> None:
    active = pipeline.active_rules()
    rules = list(active)
    width = max(len(r.name) for r in rules) if rules else 0
    for r in rules:
        out.write(f"{r.name:<{width}}  {r.label:<10}  {r.strength:<6}  {r.why}\n")
    if pipeline.model is None:
        skipped = len(pipeline.rules_) - len(rules)
        out.write(f"\n{len(rules)} rules. Hard rules decide a label; rules marking comment and section headers "
                  f"drive the context passes. The other {skipped} rules are soft: features of the model, not run "
                  "in rules-only mode and not listed.\n")
        if pipeline.fallback is None:
            from .decide import layout_summary

            out.write(layout_summary() + "\n")
    else:
        out.write(f"\n{len(rules)} rules. Hard rules decide a label; soft rules are features the model weighs.\n")
    from .threadshape import summary

    out.write(summary() + "\n")


def _input_stream(args: argparse.Namespace, what: str) -> IO[bytes]:
    """The binary input: FILE, or standard input when it is not a terminal."""
    if args.file:
        try:
            return open(args.file, "rb")
        except OSError as exc:
            raise UsageError(f"cannot read {args.file!r}: {exc.strerror}") from None
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(f"no input: pipe {what} to standard input or give a FILE (see --help)")
    return sys.stdin.buffer


def _build_pipeline(args: argparse.Namespace) -> Any:
    from .pipeline import Pipeline

    model: Any = None if args.rules_only else (args.model or "default")
    return Pipeline(
        model=model,
        rules=args.rules,
        disable_rules=tuple(args.disable_rule),
        thresholds=dict(args.threshold),
        keep=args.keep,
        fallback=args.fallback,
        min_article_prob=args.min_article_prob,
    )


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = self.last = time.monotonic()
        self.n = 0
        self.dropped: int | None = None  # pages dropped as not articles, when that is on

    def _line(self, now: float) -> str:
        rate = self.n / max(now - self.start, 1e-9)
        dropped = "" if self.dropped is None else f", {self.dropped:,} dropped as not articles"
        return f"\rcleanfeed: {self.n:,} records{dropped}, {rate:,.0f} docs/s"

    def update(self, n: int) -> None:
        self.n += n
        now = time.monotonic()
        if self.enabled and now - self.last >= 1.0:
            self.last = now
            sys.stderr.write(self._line(now))
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write(self._line(time.monotonic()) + ", done\n")


def _records(source: IO[bytes], args: argparse.Namespace) -> Iterator[Any]:
    """Parsed records, one per input line; bad lines become records that carry an error."""
    from .stream import decode, parse_line

    offset = 0
    for line_no, raw in enumerate(source, 1):
        try:
            text, bad_byte = decode(raw, args.strict)
        except UnicodeDecodeError as exc:
            raise UsageError(f"line {line_no} is not valid UTF-8 at byte offset {offset + exc.start} (--strict)") from None
        if bad_byte is not None:
            _err(f"warning: line {line_no}: invalid UTF-8 replaced with U+FFFD")
        offset += len(raw)
        yield parse_line(text, line_no, args.field)


def _run_jsonl(args: argparse.Namespace, pipeline: Any, out: IO[str]) -> int:
    """Label records chunk by chunk and write one output line per input line, in order."""
    from ._parallel import PagePool
    from .signals import page_signals
    from .stream import chunked, format_record

    source = _input_stream(args, "JSON Lines")
    progress = _Progress(sys.stderr.isatty() if args.progress is None else args.progress)
    failures = emptied = dropped = 0
    # Labelled blocks only when asked for: cleaning alone skips building them (and, with
    # --jobs, sending them between processes).
    articles_only = args.min_article_prob is not None
    labelled = args.labels or args.signals or args.page_kind or articles_only
    if articles_only:
        progress.dropped = 0
    try:
        with PagePool(pipeline, args.jobs) as pool:
            for chunk in chunked(_records(source, args)):
                results = iter(pool.map("label" if labelled else "clean", [r.text for r in chunk if r.text is not None]))
                for record in chunk:
                    if record.blank:
                        out.write("\n")
                    elif record.error is not None:
                        failures += 1
                        _err(f"line {record.line_no}: {record.error}")
                        out.write(format_record(record, None, args.output_field) + "\n")
                    else:
                        _warn_if_unreadable(record.text, f"line {record.line_no}")
                        reason = verdict = None
                        if labelled:
                            page = next(results)
                            reason = pipeline.drop_reason(page)
                            cleaned = pipeline.clean_labelled(page)
                            blocks = page if args.labels else None
                            signals = page_signals(page) if args.signals else None
                            verdict = page.verdict if args.page_kind or reason else None
                        else:
                            blocks, signals, cleaned = None, None, next(results)
                        dropped += reason is not None
                        emptied += bool(record.text.strip()) and not cleaned and reason is None
                        out.write(format_record(record, cleaned, args.output_field, blocks, signals, verdict, reason) + "\n")
                out.flush()
                if articles_only:
                    progress.dropped = dropped
                progress.update(len(chunk))
    finally:
        progress.close()
        if source is not sys.stdin.buffer:
            source.close()
    if emptied:
        _err(f"note: {emptied} record(s) with text gave an empty '{args.output_field}' (no block kept; "
             "--labels shows each block's label and reason)")
    if dropped:
        _err(f"note: {dropped} record(s) dropped as not articles (article probability below {args.min_article_prob}; "
             "each says why in 'dropped')")
    if failures:
        _err(f"{failures} record(s) had errors; see the error objects in the output")
        return EXIT_RECORD_ERRORS
    return EXIT_OK


def _warn_if_unreadable(text: str, where: str) -> bool:
    """Say so when the input is binary data rather than text: its blocks are labelled
    navigation (reason "unreadable"), and an empty output would otherwise be unexplained.
    Returns whether it warned."""
    from .decide import UNREADABLE_SHARE, unreadable_share

    share = unreadable_share(text)
    if share >= UNREADABLE_SHARE:
        _err(f"warning: {where} looks like binary data, not text ({share:.0%} of its characters are replacement "
             "or control characters); its blocks are labelled navigation, reason 'unreadable'")
    return share >= UNREADABLE_SHARE


def _run_jsonl_html(args: argparse.Namespace, pipeline: Any, out: IO[str]) -> int:
    """``--jsonl --format html``: one report section per record, up to ``MAX_PAGES``; the
    records after that are counted, not labelled, and the report says how many."""
    from itertools import islice

    from .htmlreport import MAX_PAGES, html_report

    source = _input_stream(args, "JSON Lines")
    try:
        records = _records(source, args)
        shown = list(islice((r for r in records if not r.blank), MAX_PAGES))
        not_shown = sum(1 for r in records if not r.blank)  # the rest: counted, not labelled
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    good = [r for r in shown if r.error is None]
    errors = [f"line {r.line_no}: {r.error}" for r in shown if r.error is not None]
    for message in errors:
        _err(message)
    titles = [f"line {r.line_no}" + (f", id {r.data['id']}" if r.data and "id" in r.data else "") for r in good]
    pages = pipeline.label_many(r.text for r in good)
    out.write(html_report(pages, titles=titles, not_shown=not_shown, errors=errors))
    if not_shown:
        _err(f"note: the report shows the first {MAX_PAGES} records; {not_shown:,} more were not labelled")
    return EXIT_RECORD_ERRORS if errors else EXIT_OK


def _run_text(args: argparse.Namespace, pipeline: Any, out: IO[str]) -> int:
    """Label the input window by window (``stream.WINDOW_BYTES``), writing each window's
    output before the next is read: memory stays bounded on inputs of any size, and an
    input of one window, any real page, is labelled as one page."""
    from dataclasses import replace

    from .stream import byte_windows, decode, dumps_line

    source = _input_stream(args, "page text")
    byte_offset = char_offset = n_blocks = 0
    wrote_text = warned_utf8 = warned_binary = dropped_any = False
    counts: dict[str, int] = {}
    report_blocks: list[Any] = []  # --format html: the whole input's blocks, written at the end
    try:
        for window in byte_windows(source):
            try:
                text, bad_byte = decode(window, args.strict)
            except UnicodeDecodeError as exc:
                raise UsageError(f"input is not valid UTF-8 at byte offset {byte_offset + exc.start} (--strict)") from None
            if bad_byte is not None and not warned_utf8:
                _err(f"warning: input is not valid UTF-8 (first bad byte at offset {byte_offset + bad_byte}); "
                     "invalid bytes were replaced with U+FFFD")
                warned_utf8 = True
            if not warned_binary:
                warned_binary = _warn_if_unreadable(text, "the input")
            labelled = pipeline.label(text)
            if args.format == "html":
                report_blocks += [replace(block, index=block.index + n_blocks, start=block.start + char_offset,
                                          end=block.end + char_offset) if char_offset else block for block in labelled]
            elif args.format == "jsonl":
                for block in labelled:
                    if char_offset:
                        block = replace(block, index=block.index + n_blocks, start=block.start + char_offset,
                                        end=block.end + char_offset)
                    out.write(dumps_line(block.to_dict()) + "\n")
            else:
                reason = pipeline.drop_reason(labelled)
                if reason:
                    # Said, so that the empty output is not taken for a failure.
                    _err(f"dropped {'the input' if not char_offset else f'the text from character {char_offset}'}: {reason}")
                    dropped_any = True
                cleaned = pipeline.clean_labelled(labelled)
                if cleaned:
                    # Windows' articles one blank line apart, as clean() joins blocks.
                    out.write(("\n" if wrote_text else "") + cleaned + "\n")
                    wrote_text = True
            byte_offset += len(window)
            char_offset += len(text)
            n_blocks += len(labelled)
            for block in labelled:
                counts[block.label] = counts.get(block.label, 0) + 1
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    if args.format == "html":
        from .htmlreport import html_report

        out.write(html_report([report_blocks], titles=[args.file or "standard input"]))
    if args.format == "text" and not wrote_text and n_blocks and not warned_binary and not dropped_any:
        # Output is never emptied without a word: say what the blocks were instead.
        found = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
        _err(f"warning: no block was kept ({found}; kept labels: {', '.join(sorted(pipeline.keep_))})")
    return EXIT_OK


def _filter(argv: Sequence[str]) -> int:
    parser = filter_parser()
    args = parser.parse_args(argv)
    if args.rules_only and (args.page_kind or args.min_article_prob is not None):
        # The page-kind model reads the block model's labels.
        parser.error("--page-kind and --min-article-prob need the model; they do not work with --rules-only")
    if args.fallback is not None and not args.rules_only:
        # With the model every block gets a label from it; a fallback would silently do nothing.
        parser.error("--fallback applies only with --rules-only")
    # Each of these reads or writes JSON Lines fields; without --jsonl the input would be
    # cleaned as plain text, raw JSON and all, and the option silently ignored.
    jsonl_only = [opt for opt, value in (("--field", args.field), ("--output-field", args.output_field),
                                         ("--labels", args.labels), ("--signals", args.signals),
                                         ("--page-kind", args.page_kind)) if value]
    if jsonl_only and not args.jsonl:
        parser.error(f"{', '.join(jsonl_only)} applies only with --jsonl (JSON Lines input)")
    args.field = args.field or "text"
    args.output_field = args.output_field or "cleaned"
    pipeline = _build_pipeline(args)
    if args.list_rules:
        _list_rules(pipeline, sys.stdout)
        return EXIT_OK
    pipeline.load()
    if args.jsonl:
        if args.format == "html":
            return _run_jsonl_html(args, pipeline, sys.stdout)
        return _run_jsonl(args, pipeline, sys.stdout)
    return _run_text(args, pipeline, sys.stdout)


def _quiet_stdout() -> None:
    """Point stdout at devnull, so that the interpreter's final flush of output that
    cannot be written (a closed pipe, a full disk) does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests capture it)
        pass


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """Warnings as the CLI's own one-line messages, not Python's file:line form."""
    _err(f"warning: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    import warnings

    with warnings.catch_warnings():  # restores the caller's warning display afterwards
        warnings.showwarning = _show_warning
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    from .model import ModelError
    from .rules import RuleError

    try:
        if argv and argv[0] in TOOL_VERBS:
            try:
                # Imported only for these verbs: the filter never loads training code.
                from .training.cli import run_verb

                return run_verb(argv[0], argv[1:])
            except ModuleNotFoundError as exc:
                # The tooling verbs need the corpus extra (lxml, datasets, tqdm), which a
                # plain install of the filter leaves out.
                raise UsageError(f"'cleanfeed {argv[0]}' needs the module {exc.name!r}: "
                                 "pip install 'cleanfeed[corpus]'") from None
        code = _filter(argv)
        # Flushed here, where a write error (a full disk) is still reported as such,
        # rather than at interpreter exit as an "Exception ignored" traceback.
        sys.stdout.flush()
        return code
    except (UsageError, ModelError, RuleError, ValueError, RuntimeError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, as Unix filters do.
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        # A file the command needed could not be read or written (a data set missing from
        # the data directory, --out pointing at a file), or the output could not be written
        # (a full disk): the path and the reason, no traceback.
        if exc.filename and exc.strerror:
            _err(f"cannot use {exc.filename!r}: {exc.strerror}")
        else:
            _err(f"cannot write the output: {exc.strerror or exc}")
        _quiet_stdout()
        return EXIT_USAGE
