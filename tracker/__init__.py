"""tracker: snapshot change-tracking and word-level diffs for live news pages.

The flow, one module per stage: capture (parse) → normalize → matching → lineage → diffing
→ ingest (store) → report/export.
"""

__version__ = "0.1.0"
