"""The `tracker` command: parses options and calls library functions, nothing more.

Every command takes --db URL (else $TRACKER_DB, else [storage] url in the config, else SQLite
tracker.db) and --config PATH (else $TRACKER_CONFIG, else ./config.toml if present).
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from tracker.config import Config, database_url, find_config, load_config
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.html import Selectors

app = typer.Typer(
    help="Track edits to live news pages: ingest snapshots, match posts, report word diffs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL (else $TRACKER_DB, config, tracker.db).")
]
ConfigOption = Annotated[
    str | None, typer.Option("--config", help="Config file (else $TRACKER_CONFIG, ./config.toml).")
]
StoryOption = Annotated[str | None, typer.Option("--story", help="Story name.")]


class Significance(StrEnum):
    substantive = "substantive"
    typographic = "typographic"
    all = "all"


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class FileParser(StrEnum):
    """Parsers for files (``selectors`` needs a source's configured selectors)."""

    capture = "capture"
    cnn_live = "cnn-live"
    generic = "generic"


class ExportFormat(StrEnum):
    json = "json"


F = TypeVar("F", bound=Callable[..., Any])


def command(func: F, target: typer.Typer | None = None, name: str | None = None) -> F:
    """Register a command that reports a TrackerError as one line on stderr, exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TrackerError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None

    (target or app).command(name)(wrapper)
    return func


def main() -> None:
    app()


@contextmanager
def _context(db: str | None, config_path: str | None) -> Iterator[tuple[Config, Any]]:
    """Load the config and open the database, in that order, for one command."""
    from storage.engine import open_engine

    config = load_config(find_config(config_path))
    engine = open_engine(database_url(db, config), pool_size=config.daemon.workers + 4)
    try:
        yield config, engine
    finally:
        engine.dispose()


def _parse_time(value: str | None, option: str) -> datetime | None:
    """ISO 8601 (a date, or a time with or without zone; UTC if none) or a span like 6h, 2d."""
    if value is None:
        return None
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    if value[:-1].isdigit() and value[-1:] in units:
        return datetime.now(UTC) - timedelta(**{units[value[-1]]: int(value[:-1])})
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise TrackerError(
            f"option {option}: {value!r} is not an ISO 8601 time (2023-01-31T11:44:00Z) "
            "or a span (30m, 6h, 2d)"
        ) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@command
def ingest(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Capture files, ingested in this order.")
    ] = None,
    story: StoryOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Page name (else the capture's title).")
    ] = None,
    captured_at: Annotated[
        str | None, typer.Option("--captured-at", help="Capture time, ISO 8601 (else now).")
    ] = None,
    parser: Annotated[
        FileParser, typer.Option("--parser", help="capture (text captures), or an HTML parser.")
    ] = FileParser.capture,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Ingest capture files (or, with none given, every [[sources]] files glob in the config)."""
    from tracker.alerts import outbox_hooks
    from tracker.ingest import Ingestor, ingest_paths

    when = _parse_time(captured_at, "--captured-at")
    with _context(db, config) as (cfg, engine):
        jobs = _ingest_jobs(cfg, files, story, parser.value)
        _tune_gc_for_batch()
        failures = 0
        for job in jobs:
            ingestor = Ingestor(engine, job.story, hooks=outbox_hooks(cfg.webhooks))
            with ingestor, _progress(len(job.paths)) as advance:

                def done(outcome: Any, advance: Callable[[], None] = advance) -> None:
                    advance()
                    _print_outcome(outcome)

                _, failed = ingest_paths(
                    ingestor,
                    job.paths,
                    source=source,
                    captured_at=when,
                    parser=job.parser,
                    selectors=job.selectors,
                    on_done=done,
                )
            failures += len(failed)
    if failures:
        err.print(f"{failures} file(s) not ingested; nothing of them was stored.")
        raise typer.Exit(1)


def _tune_gc_for_batch() -> None:
    """A batch ingest makes many short-lived objects beside a large long-lived heap (the
    story's index): leave what start-up made out of every collection, and collect the young
    generation less often (benchmarks/ab_speed.py: a few percent of the ingest's CPU)."""
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


@dataclass(frozen=True)
class _IngestJob:
    story: str
    paths: list[Path]
    parser: str
    selectors: Selectors | None = None


def _ingest_jobs(
    cfg: Config, files: list[Path] | None, story: str | None, parser: str
) -> list[_IngestJob]:
    from tracker.html import Selectors

    if files:
        return [_IngestJob(story or cfg.story, list(files), parser)]
    jobs = []
    for src in cfg.sources:
        if src.files and src.enabled:
            base = cfg.path.parent if cfg.path else Path()
            paths = sorted(Path(p) for p in glob(str(base / src.files)))
            selectors = Selectors.from_config(src.selectors) if src.selectors else None
            jobs.append(_IngestJob(story or src.story, paths, src.parser, selectors))
    if not jobs:
        raise TrackerError("no files given and no [[sources]] with 'files' in the config")
    return jobs


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal for many files; nothing otherwise."""
    if total < 5 or not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=total)
        yield lambda: progress.advance(task)


def _print_outcome(outcome: Any) -> None:
    from tracker.errors import CaptureError

    if isinstance(outcome, CaptureError):
        err.print(f"[bold red]error:[/] {escape(str(outcome))}")
        return
    if outcome.status == "duplicate":
        detail = f"already ingested (snapshot {outcome.snapshot_id}); nothing changed"
    elif outcome.status == "unchanged":
        detail = f"identical to the page's latest snapshot {outcome.snapshot_id}: seen unchanged"
    elif outcome.status == "suspect":
        detail = f"stored as suspect snapshot {outcome.snapshot_id} ({outcome.reason}); no edits"
    else:
        detail = (
            f"snapshot {outcome.snapshot_id}: {outcome.posts} posts, {outcome.new_posts} new, "
            f"{outcome.edits} edits, {outcome.removals} removals"
        )
    err.print(f"{outcome.origin} [{outcome.source}] {detail}", markup=False)


@command
def report(
    story: StoryOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only edits captured since (ISO time or 6h, 2d).")
    ] = None,
    significance: Annotated[
        Significance, typer.Option("--significance", help="Which edits to show.")
    ] = Significance.substantive,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="Output format.")
    ] = ReportFormat.text,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many edits.")] = 100,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Edits, latest first, each as a word diff."""
    from storage.reads import HIDDEN_CAP, recent_edits, suspect_snapshots
    from tracker import report as render

    when = _parse_time(since, "--since")
    wanted = None if significance is Significance.all else significance.value
    with _context(db, config) as (_, engine), engine.connect() as conn:
        edits, hidden = recent_edits(
            conn, story=story, since=when, significance=wanted, limit=limit
        )
        suspects = suspect_snapshots(conn, story)
    if fmt is ReportFormat.json:
        out.print(render.edits_json(edits), markup=False)
        return
    blocks = [render.edit_lines(e) for e in edits]
    for lines in blocks:
        if fmt is ReportFormat.markdown:
            out.print(render.markdown(lines) + "\n", markup=False)
        elif out.is_terminal:
            out.print(render.rich_text(lines))
        else:
            out.print(render.plain(lines) + "\n", markup=False)
    notes = [f"{len(edits)} edit(s) shown"]
    if hidden:
        other = "typographic" if wanted == "substantive" else "other"
        count = f"{HIDDEN_CAP}+" if hidden > HIDDEN_CAP else str(hidden)
        notes.append(f"{count} {other} edit(s) hidden (--significance all)")
    notes.extend(f"suspect capture {o} [{page}]: {why}" for o, page, why in suspects)
    err.print("; ".join(notes[:2]), markup=False)
    for note in notes[2:]:
        err.print(note, markup=False)


@command
def history(
    post_id: Annotated[int, typer.Argument(help="The post id (from `tracker report`).")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Every revision of one post, and the word diffs between them."""
    from storage.reads import post_history
    from tracker import report as render

    with _context(db, config) as (_, engine), engine.connect() as conn:
        revisions, edits = post_history(conn, post_id)
    edits_into: dict[int, list[Any]] = {}
    for e in edits:
        edits_into.setdefault(e.after.id, []).append(e)
    for revision in revisions:
        lines = render.revision_lines(revision)
        for e in edits_into.pop(revision.first_seen.id, []):
            lines.extend(render.edit_lines(e))
        _print_lines(lines)
    for leftover in edits_into.values():  # moves and removals that made no new revision
        for e in leftover:
            _print_lines(render.edit_lines(e))


def _print_lines(lines: list[Any]) -> None:
    from tracker import report as render

    if out.is_terminal:
        out.print(render.rich_text(lines))
    else:
        out.print(render.plain(lines) + "\n", markup=False)


@command
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="Export format.")
    ] = ExportFormat.json,
    story: StoryOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Snapshots, posts with sightings, and edits as JSON (the contract in the README)."""
    from tracker.export import write_json

    with _context(db, config) as (_, engine), engine.connect() as conn:
        if output is None:
            write_json(conn, story, sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                write_json(conn, story, handle)


# The service commands (sources, run, status, webhooks, db) register themselves on `app`.
from tracker import cli_service  # noqa: E402, F401

__all__ = ["app", "main"]
