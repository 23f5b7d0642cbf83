"""The README documents every command, option and config key, and its demo works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from tracker import config
from tracker.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
TOP = typer.main.get_command(app).commands  # type: ignore[attr-defined]
# Every command, sub-commands as "sources add".
COMMANDS = {
    f"{name} {sub}" if sub else name: cmd
    for name, group in TOP.items()
    for sub, cmd in (getattr(group, "commands", None) or {None: group}).items()
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented(name: str) -> None:
    assert f"`tracker {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, cmd in sorted(COMMANDS.items())
        for param in cmd.params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    assert option in README, f"tracker {command} {option}"


KEYS = (
    [f"storage.{k}" for k in sorted(config._STORAGE_KEYS)]
    + [f"ingest.{k}" for k in sorted(config._INGEST_KEYS)]
    + [f"sources[].{k}" for k in sorted(config._SOURCE_KEYS)]
    + [f"daemon.{k}" for k in sorted(config._DAEMON_KEYS)]
    + [f"webhooks[].{k}" for k in sorted(config._WEBHOOK_KEYS)]
    + ["webhooks"]
)


@pytest.mark.parametrize("key", KEYS)
def test_every_config_key_is_documented(key: str) -> None:
    assert f"`{key}`" in README


def test_the_two_setup_commands_come_first() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "tracker ingest --story cnn-ukraine examples/cnn-ukraine/*.txt" in blocks[0]
    assert blocks[1] == ".venv/bin/python -m pytest"


def test_the_shipped_config_is_valid() -> None:
    cfg = config.load_config(Path(__file__).parents[1] / "config.toml")
    assert cfg.story == "cnn-ukraine" and cfg.sources[0].files
