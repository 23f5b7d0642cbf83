"""`tracker` service commands: watched sources, the daemon, webhooks, the schema.

Thin like the rest of the CLI: options are parsed here and library functions called.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import typer

from tracker.cli import (
    ConfigOption,
    DbOption,
    F,
    StoryOption,
    _context,
    app,
    command,
    err,
    out,
)
from tracker.config import Config, database_url, find_config, load_config
from tracker.errors import TrackerError

sources_app = typer.Typer(help="Add, list and remove watched pages.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


def sources_command(name: str) -> Callable[[F], F]:
    return lambda func: command(func, sources_app, name)


@sources_command("add")
def sources_add(
    name: Annotated[str, typer.Argument(help="A name for the source, unique.")],
    url: Annotated[str, typer.Argument(help="The page's URL.")],
    story: StoryOption = None,
    parser: Annotated[
        str, typer.Option("--parser", help="cnn-live, selectors, generic or capture.")
    ] = "generic",
    every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 5m, 1h.")] = "5m",
    selector: Annotated[
        list[str] | None,
        typer.Option("--selector", help="KEY=CSS for --parser selectors (post, headline, …)."),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Watch a page: `tracker run` will poll it."""
    from tracker.config import duration
    from tracker.ingest import utc_now
    from tracker.sources import add_source, sync_sources

    interval = duration(every, "option --every")
    selectors = _selectors(selector)
    with _context(db, config) as (cfg, engine):
        sync_sources(engine, cfg, utc_now())
        add_source(
            engine,
            name,
            url,
            story=story or cfg.story,
            parser=parser,
            every=interval,
            selectors=selectors,
            now=utc_now(),
        )
    err.print(f"watching {name}: {url} every {every}", markup=False)


def _selectors(pairs: list[str] | None) -> dict[str, str] | None:
    from tracker.html import SELECTOR_KEYS

    if not pairs:
        return None
    table = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in SELECTOR_KEYS or not value:
            known = ", ".join(sorted(SELECTOR_KEYS))
            raise TrackerError(f"option --selector: {pair!r} is not KEY=CSS, KEY one of {known}")
        table[key] = value
    return table


@sources_command("list")
def sources_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """The watched pages, from config.toml and from `tracker sources add`."""
    from tracker.ingest import utc_now
    from tracker.sources import list_sources, sync_sources

    with _context(db, config) as (cfg, engine):
        sync_sources(engine, cfg, utc_now())
        rows = list_sources(engine)
    for r in rows:
        state = "" if r.enabled else "  (disabled)"
        out.print(
            f"{r.name}  {r.url}  story={r.story} parser={r.parser} "
            f"every={_span(r.every_seconds)} from={r.origin}{state}",
            markup=False,
        )
    if not rows:
        err.print(
            "no sources: add one with `tracker sources add` or [[sources]] url in config.toml"
        )


@sources_command("remove")
def sources_remove(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Stop watching a page (its stored history stays)."""
    from tracker.ingest import utc_now
    from tracker.sources import remove_source, sync_sources

    with _context(db, config) as (cfg, engine):
        sync_sources(engine, cfg, utc_now())
        remove_source(engine, name)
    err.print(f"removed {name}", markup=False)


@command
def run(
    once: Annotated[bool, typer.Option("--once", help="Poll what is due now, then exit.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """The daemon: poll every watched page on its schedule until SIGTERM or Ctrl-C."""
    import signal
    import threading

    from tracker.daemon import Daemon, Poller, setup_logging
    from tracker.ingest import utc_now
    from tracker.sources import list_sources, sync_sources
    from tracker.webhooks import Dispatcher

    setup_logging()
    with _context(db, config) as (cfg, engine):
        sync_sources(engine, cfg, utc_now())
        if not list_sources(engine):
            raise TrackerError(
                "no sources to watch: `tracker sources add NAME URL`, or [[sources]] url in config"
            )
        for hook in cfg.webhooks:
            if hook.enabled:
                hook.secrets()  # fail at start-up, naming the variable, not at each delivery
        poller = Poller(engine, cfg.daemon, webhooks=cfg.webhooks)
        dispatcher = (
            Dispatcher(engine, cfg.webhooks, poller.owner, lease=cfg.daemon.lease)
            if cfg.webhooks
            else None
        )
        daemon = Daemon(poller, dispatcher)
        try:
            if once:
                outcomes = daemon.run_once()
                counts: dict[str, int] = {}
                for o in outcomes:
                    counts[o.outcome] = counts.get(o.outcome, 0) + 1
                summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing due"
                err.print(f"polled {len(outcomes)} source(s): {summary}", markup=False)
                return
            stop = threading.Event()
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
            daemon.run(stop)
        finally:
            poller.close()
            if dispatcher is not None:
                dispatcher.close()
    running = [t for t in threading.enumerate() if t.name.startswith("poll") and t.is_alive()]
    if poller.abandoned.is_set() and running:
        # A fetch still running after the grace period is abandoned: it writes nothing, and
        # its lease expires for another daemon to take.
        os._exit(0)


@command
def status(db: DbOption = None, config: ConfigOption = None) -> None:
    """Each watched page: last fetch, HTTP status, outcome, posts seen, next due, failures."""
    from tracker.ingest import utc_now
    from tracker.sources import list_sources, sync_sources

    with _context(db, config) as (cfg, engine):
        sync_sources(engine, cfg, utc_now())
        rows = list_sources(engine)
    now = utc_now()
    for r in rows:
        flag = "FAILING" if r.failing else ("disabled" if not r.enabled else "ok")
        last = _ago(now, r.last_fetch_at) if r.last_fetch_at else "never"
        due = (
            "now" if r.next_due_at <= now else "in " + _span((r.next_due_at - now).total_seconds())
        )
        posts = r.posts_seen if r.posts_seen is not None else "-"
        line = (
            f"{r.name}  [{flag}]  last fetch {last}  HTTP {r.last_status or '-'}  "
            f"{r.last_outcome or '-'}  posts {posts}  next {due}  failures {r.consecutive_failures}"
        )
        if r.last_error:
            line += f"  ({r.last_error})"
        out.print(line, markup=False)
    if not rows:
        err.print(
            "no sources: add one with `tracker sources add` or [[sources]] url in config.toml"
        )


def _span(seconds: float) -> str:
    """A duration for people: 90 → 1.5m, 300 → 5m, 7200 → 2h."""
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("m", 60.0)):
        if seconds >= size:
            return f"{round(seconds / size, 1):g}{unit}"
    return f"{round(seconds):g}s"


def _ago(now: datetime, then: datetime) -> str:
    return _span(max(0.0, (now - then).total_seconds())) + " ago"


webhooks_app = typer.Typer(help="Webhook endpoints and their deliveries.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")


def webhooks_command(name: str) -> Callable[[F], F]:
    return lambda func: command(func, webhooks_app, name)


def _hook(cfg: Config, name: str) -> Any:
    hook = next((w for w in cfg.webhooks if w.name == name), None)
    if hook is None:
        known = ", ".join(w.name for w in cfg.webhooks) or "none configured"
        raise TrackerError(f"no webhook named {name!r} in the config ({known})")
    return hook


@webhooks_command("list")
def webhooks_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """Configured endpoints: events, filters, state, and delivery counts."""
    from storage import outbox

    with _context(db, config) as (cfg, engine), engine.connect() as conn:
        disabled = outbox.disabled_endpoints(conn)
        counts = outbox.counts(conn)
    for hook in cfg.webhooks:
        state = (
            "disabled (410 Gone)"
            if hook.name in disabled
            else ("enabled" if hook.enabled else "off in config")
        )
        tally = ", ".join(
            f"{counts.get((hook.name, s), 0)} {s}" for s in ("pending", "delivered", "dead")
        )
        stories = ",".join(hook.stories) if hook.stories else "all stories"
        out.print(
            f"{hook.name}  {hook.url}  [{state}]  events={','.join(hook.events)}  {stories}  "
            f"min_significance={hook.min_significance}  {tally}",
            markup=False,
        )
    if not cfg.webhooks:
        err.print("no webhooks: add [[webhooks]] to config.toml")


@webhooks_command("deliveries")
def webhooks_deliveries(
    failed: Annotated[bool, typer.Option("--failed", help="Only failing and dead ones.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 50,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Deliveries, newest first: event, endpoint, status, attempts, last error."""
    from storage import outbox
    from storage.reads import iso

    with _context(db, config) as (_, engine), engine.connect() as conn:
        rows = outbox.listing(conn, failed, limit)
    for r in rows:
        error = f"  {r.last_status or ''} {r.last_error}" if r.last_error else ""
        out.print(
            f"#{r.id} {r.event_id} {r.type} -> {r.webhook}  {r.status}  attempts {r.attempts}  "
            f"created {iso(r.created_at)}{error}",
            markup=False,
        )


@webhooks_command("retry")
def webhooks_retry(
    delivery_id: Annotated[int | None, typer.Argument(help="A delivery id.")] = None,
    all_failed: Annotated[bool, typer.Option("--all-failed", help="Every dead delivery.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Make a dead delivery (or all of them) due again, with a fresh attempt budget."""
    from storage import outbox
    from tracker.ingest import utc_now

    if (delivery_id is None) == (not all_failed):
        raise TrackerError("give a delivery id or --all-failed (not both)")
    with _context(db, config) as (_, engine), engine.begin() as conn:
        count = outbox.retry(conn, None if all_failed else [delivery_id or 0], utc_now())
    if not count and delivery_id is not None:
        raise TrackerError(f"delivery {delivery_id} does not exist or was delivered already")
    err.print(f"{count} delivery(ies) due again", markup=False)


@webhooks_command("enable")
def webhooks_enable(
    name: Annotated[str, typer.Argument(help="The webhook's name.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Re-enable an endpoint that answered 410 Gone."""
    from storage import outbox
    from tracker.ingest import utc_now

    with _context(db, config) as (cfg, engine), engine.begin() as conn:
        _hook(cfg, name)
        outbox.set_endpoint(conn, name, False, None, utc_now())
    err.print(f"{name} enabled", markup=False)


@webhooks_command("test")
def webhooks_test(
    name: Annotated[str, typer.Argument(help="The webhook's name.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Send a signed sample post.edited event to one endpoint now."""
    from tracker.events import test_event
    from tracker.ingest import utc_now
    from tracker.webhooks import send_test

    cfg = load_config(find_config(config))
    hook = _hook(cfg, name)
    hook.secrets()  # a missing secret is a config error, not a failed delivery
    attempt = send_test(hook, test_event(name, utc_now()))
    if not attempt.ok:
        raise TrackerError(f"webhook {name!r} ({hook.url}): {attempt.error}")
    err.print(f"{name}: delivered, HTTP {attempt.status}", markup=False)


@webhooks_command("deliver")
def webhooks_deliver(db: DbOption = None, config: ConfigOption = None) -> None:
    """Deliver everything due now, once (the daemon does this continuously)."""
    from tracker.daemon import make_owner
    from tracker.webhooks import Dispatcher

    with _context(db, config) as (cfg, engine):
        for hook in cfg.webhooks:
            if hook.enabled:
                hook.secrets()
        dispatcher = Dispatcher(engine, cfg.webhooks, make_owner(), lease=cfg.daemon.lease)
        try:
            stats = dispatcher.deliver_all()
        finally:
            dispatcher.close()
    err.print(
        f"{stats.delivered} delivered, {stats.failed} failed (will retry), {stats.dead} dead, "
        f"{stats.disabled} endpoint(s) disabled",
        markup=False,
    )


db_app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


def db_command(name: str) -> Callable[[F], F]:
    return lambda func: command(func, db_app, name)


@db_command("upgrade")
def db_upgrade(db: DbOption = None, config: ConfigOption = None) -> None:
    """Bring the database's schema to this version of tracker (back it up first)."""
    from storage.engine import open_engine, redact
    from storage.migrate import upgrade

    url = database_url(db, load_config(find_config(config)))
    engine = open_engine(url, migrate=False)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        err.print(f"{redact(url)}: schema already at revision {after}", markup=False)
    else:
        err.print(
            f"{redact(url)}: schema upgraded from {before or 'nothing'} to {after}", markup=False
        )


@db_command("current")
def db_current(db: DbOption = None, config: ConfigOption = None) -> None:
    """The database's schema revision, and the one this tracker needs."""
    from storage.engine import open_engine
    from storage.migrate import HEAD, current

    engine = open_engine(database_url(db, load_config(find_config(config))), migrate=False)
    try:
        with engine.connect() as conn:
            revision = current(conn)
    finally:
        engine.dispose()
    state = "up to date" if revision == HEAD else "behind: run `tracker db upgrade`"
    out.print(f"{revision or 'none'} (this tracker needs {HEAD}: {state})", markup=False)
