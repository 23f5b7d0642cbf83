"""Keep a long-running process's memory level on glibc (Linux); no-ops elsewhere.

Measured in the daemon soak (benchmarks/RESULTS.md): with a thread per worker, glibc gives
threads their own malloc arenas, and the pages that parsing and fetching free are kept rather
than returned, so the heap held ~25 MB of free memory and grew with it. Two arenas, and
handing free pages back once a minute (about a millisecond), keep it to a few MB.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


@cache
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.gnu_get_libc_version  # only glibc has it  # noqa: B018
        libc.malloc_trim  # noqa: B018
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas; call before starting threads. MALLOC_ARENA_MAX in the
    environment wins. True if the cap was set."""
    libc = _glibc()
    if libc is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas))


def release_free_memory() -> bool:
    """Hand the heap's free pages back to the system. True if any were."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
