"""`tracker run` with a memory probe: where the daemon's resident memory is.

    PROBE_OUT=probe.jsonl python benchmarks/probed_daemon.py   (run by daemon_soak.py --probe)

Every 30 s appends one JSON line to $PROBE_OUT: resident memory (anonymous and file-backed),
glibc's heap (in use, free), SQLite's own allocations (total; page cache, schema and prepared
statements over the open connections), the pool's connections and the number of Python
objects. With PROBE_TRACEMALLOC=1 it also dumps a tracemalloc snapshot each time (slow), for
`tracemalloc.Snapshot.load(...).compare_to(...)`. Linux with glibc and CPython only.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import sqlite3
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

TRACE = os.environ.get("PROBE_TRACEMALLOC") == "1"
if TRACE:
    tracemalloc.start(12)

import _sqlite3  # noqa: E402

OUT = Path(os.environ["PROBE_OUT"])
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in [
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        ]
    ]


libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
libsqlite = ctypes.CDLL(_sqlite3.__file__)  # resolves to the sqlite3 library it links
libsqlite.sqlite3_memory_used.restype = ctypes.c_int64
libsqlite.sqlite3_db_status.argtypes = [
    ctypes.c_void_p,
    ctypes.c_int,
    ctypes.POINTER(ctypes.c_int),
    ctypes.POINTER(ctypes.c_int),
    ctypes.c_int,
]
DB_STATUS = {"page_cache": 1, "schema": 2, "statements": 3}  # SQLITE_DBSTATUS_*


def proc_status() -> dict[str, int]:
    wanted = ("VmRSS", "RssAnon", "RssFile")
    lines = Path("/proc/self/status").read_text().splitlines()
    return {k: int(v.split()[0]) for k, v in (x.split(":", 1) for x in lines) if k in wanted}


def sqlite_connections() -> dict[str, int]:
    totals = dict.fromkeys(["connections", *DB_STATUS], 0)
    for obj in gc.get_objects():
        if not isinstance(obj, sqlite3.Connection):
            continue
        try:
            obj.total_changes  # noqa: B018  # a closed connection raises
        except sqlite3.ProgrammingError:
            continue
        # CPython's connection object: the sqlite3* handle follows the object header.
        handle = ctypes.c_void_p.from_address(id(obj) + 2 * ctypes.sizeof(ctypes.c_void_p)).value
        totals["connections"] += 1
        for name, op in DB_STATUS.items():
            current, high = ctypes.c_int(), ctypes.c_int()
            libsqlite.sqlite3_db_status(handle, op, ctypes.byref(current), ctypes.byref(high), 0)
            totals[name] += current.value
    return totals


def probe() -> dict[str, Any]:
    heap = libc.mallinfo2()
    record: dict[str, Any] = {
        **proc_status(),
        "heap_in_use": heap.uordblks // 1024,
        "heap_free": heap.fordblks // 1024,
        "sqlite": libsqlite.sqlite3_memory_used() // 1024,
        **{f"sqlite_{k}": v for k, v in sqlite_connections().items()},
        "python_objects": len(gc.get_objects()),
    }
    return record


def watch() -> None:
    started = time.monotonic()
    with OUT.open("w") as out:
        for n in range(1, 1_000_000):
            time.sleep(30)
            record = {"t": round(time.monotonic() - started), **probe()}
            if TRACE:
                tracemalloc.take_snapshot().dump(f"{OUT}.{n}.snapshot")
            out.write(json.dumps(record) + "\n")
            out.flush()


threading.Thread(target=watch, daemon=True).start()

from tracker.cli import main  # noqa: E402

sys.argv = ["tracker", "run"]
main()
