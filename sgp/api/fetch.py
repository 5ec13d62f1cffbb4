"""Many models at once: fetching a list of IDs through a bounded pool of threads.

The status board and its benchmark both use `fetch_models`. One SGPClient (one connection
pool) is shared by at most `max_workers` threads; each ID is fetched once, and a failure is
that ID's result, never the whole batch's. Only the pool's threads send requests: results
are collected in the caller's thread, which is also where `on_done` runs, so a user interface
can move a progress bar from its own thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from sgp.api.errors import SGPError
from sgp.api.reader import ModelReader
from sgp.api.schema import InferenceModel

DEFAULT_WORKERS = 8
# How often the caller's `on_wait` runs while every fetch in flight is still going: a
# caller who stops listening (Streamlit's stop, raised in `on_wait`) is noticed this fast.
WAIT_SLICE_S = 0.1

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
    on_wait: Callable[[], None] | None = None,
    get: Getter | None = None,
) -> dict[str, Outcome]:
    """Fetch each distinct ID concurrently; return {id: model or error} in the order given.

    `get(client, id)` does one fetch (default: `client.get_model`); a cached variant may be
    passed. `on_done(done, total)` is called in the caller's thread after each result, and
    `on_wait()` every WAIT_SLICE_S while it waits, and before each new fetch starts. Errors
    other than SGPError are bugs and propagate. Only the caller's thread starts fetches, at
    most `max_workers` at a time, each after `on_wait`: when anything is raised there (or in
    `on_done`), no further fetch starts and the call returns at once; only the fetches
    already in flight reach the API, and they finish alone.
    """
    if max_workers < 1:
        raise ValueError("max_workers must be at least 1.")
    unique = list(dict.fromkeys(ids))
    fetch = get or _get_model
    results: dict[str, Outcome] = {}
    if not unique:
        return results
    queue = iter(unique)
    running: dict[Future[InferenceModel], str] = {}
    pool = ThreadPoolExecutor(
        max_workers=min(max_workers, len(unique)), thread_name_prefix="sgp-fetch"
    )

    def start_next() -> None:
        model_id = next(queue, None)
        if model_id is not None:
            running[pool.submit(fetch, client, model_id)] = model_id

    try:
        for _ in range(min(max_workers, len(unique))):
            if on_wait is not None:
                on_wait()
            start_next()
        while running:
            finished, _ = wait(running, timeout=WAIT_SLICE_S, return_when=FIRST_COMPLETED)
            for future in finished:
                model_id = running.pop(future)
                try:
                    results[model_id] = future.result()
                except SGPError as exc:
                    results[model_id] = exc
                if on_done is not None:
                    on_done(len(results), len(unique))
            if on_wait is not None:
                on_wait()
            for _ in finished:
                start_next()
    except BaseException:
        # The caller stopped listening (Streamlit raises StopException or RerunException,
        # which are BaseExceptions, in `on_wait` or `on_done` when the visitor reruns or
        # leaves): nothing more is started, and the few fetches in flight finish alone.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return {model_id: results[model_id] for model_id in unique}
