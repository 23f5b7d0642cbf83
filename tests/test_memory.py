"""Memory upkeep for the daemon on glibc: free heap pages really go back to the system."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tracker import memory

glibc_only = pytest.mark.skipif(
    memory._glibc() is None, reason="glibc's malloc_trim and mallopt: Linux with glibc only"
)

# Fills the heap with 1 KiB blocks (glibc's heap, not Python's small-object arenas), keeps one
# in a hundred so the heap cannot simply shrink from the top, frees the rest, and prints the
# resident anonymous memory before and after handing the free pages back.
FRAGMENTED_HEAP = """
from tracker.memory import release_free_memory

def anon_kib():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

blocks = [bytes(1024) + i.to_bytes(4, "big") for i in range(100_000)]
kept = blocks[::100]
del blocks
before = anon_kib()
released = release_free_memory()
print(before, anon_kib(), released, len(kept))
"""


@glibc_only
def test_free_heap_pages_are_handed_back() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FRAGMENTED_HEAP], capture_output=True, text=True, check=True
    ).stdout.split()
    before, after, released = int(out[0]), int(out[1]), out[2]
    assert released == "True"
    assert before - after > 50 * 1024, (before, after)  # most of the ~100 MB freed


@glibc_only
def test_the_arena_cap_gives_way_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert memory.limit_arenas() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    assert memory.limit_arenas() is True


def test_without_glibc_both_do_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_glibc", lambda: None)
    assert memory.limit_arenas() is False
    assert memory.release_free_memory() is False
