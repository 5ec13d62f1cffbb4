"""Many models at once: fetching a list of IDs through a bounded pool of threads.

The status board and its benchmark both use `fetch_models`. One SGPClient (one connection
pool) is shared by at most `max_workers` threads; each ID is fetched once, and a failure is
that ID's result, never the whole batch's. Only the pool's threads send requests: results
are collected in the caller's thread, which is also where `on_done` runs, so a user interface
can move a progress bar from its own thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed

from sgp.api.errors import SGPError
from sgp.api.reader import ModelReader
from sgp.api.schema import InferenceModel

DEFAULT_WORKERS = 8

Outcome = InferenceModel | SGPError
Getter = Callable[[ModelReader, str], InferenceModel]


def _get_model(client: ModelReader, model_id: str) -> InferenceModel:
    return client.get_model(model_id)


def fetch_models(
    client: ModelReader,
    ids: Iterable[str],
    *,
    max_workers: int = DEFAULT_WORKERS,
    on_done: Callable[[int, int], None] | None = None,
    get: Getter | None = None,
) -> dict[str, Outcome]:
    """Fetch each distinct ID concurrently; return {id: model or error} in the order given.

    `get(client, id)` does one fetch (default: `client.get_model`); a cached variant may be
    passed. `on_done(done, total)` is called in the caller's thread after each result.
    Errors other than SGPError are bugs and propagate. If anything is raised while the
    results are collected (by `on_done` too), the fetches not yet started are cancelled.
    """
    if max_workers < 1:
        raise ValueError("max_workers must be at least 1.")
    unique = list(dict.fromkeys(ids))
    fetch = get or _get_model
    results: dict[str, Outcome] = {}
    if not unique:
        return results
    pool = ThreadPoolExecutor(
        max_workers=min(max_workers, len(unique)), thread_name_prefix="sgp-fetch"
    )
    try:
        futures = {pool.submit(fetch, client, model_id): model_id for model_id in unique}
        for done, future in enumerate(as_completed(futures), start=1):
            model_id = futures[future]
            try:
                results[model_id] = future.result()
            except SGPError as exc:
                results[model_id] = exc
            if on_done is not None:
                on_done(done, len(unique))
    except BaseException:
        # The caller stopped listening (Streamlit raises StopException or RerunException,
        # which are BaseExceptions, inside `on_done` when the visitor reruns or leaves):
        # drop the queued fetches and return at once; the few already running finish alone.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return {model_id: results[model_id] for model_id in unique}
