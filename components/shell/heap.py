"""Keep Streamlit's collection after every script run cheap: freeze the startup heap once.

Streamlit runs a full garbage collection after each script run (`runner.postScriptGC`),
so that memory does not build up between runs. A full collection walks every tracked
object, and the libraries this app imports (Streamlit, pandas, pyarrow, pydantic) leave
several hundred thousand long-lived objects on the heap: profiled under load, that walk
was two thirds of the server's CPU per page view. `gc.freeze()` moves the objects alive
after the first page's imports into a permanent generation that collections skip; garbage
made by page runs is collected as before.
"""

from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_startup_heap() -> None:
    """Once per process, after the first page's imports: collect, then freeze what is left."""
    gc.collect()
    gc.freeze()
