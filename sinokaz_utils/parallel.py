"""Running independent pieces of work on every core, with a progress bar for a person watching.

What belongs here: mapping a function over chunks of documents in forked worker processes
(the parent loads models and tables first; the workers inherit them without pickling or
loading again), the number of workers, the progress bar. What does not: what a chunk is or
what is computed on it (``corpus``, ``nlp``, ``statements`` decide).
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable


def count_jobs(n_chunks: int) -> int:
    """Return how many worker processes to use for ``n_chunks`` chunks.

    ``SINOKAZ_JOBS`` overrides the default (every core the process may use).
    """
    env = os.environ.get("SINOKAZ_JOBS", "").strip()
    cores = int(env) if env.isdigit() and int(env) > 0 else len(os.sched_getaffinity(0)) \
        if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n_chunks))


_CHUNK_TASK: tuple | None = None  # (fn, chunks), inherited by forked workers
#: Chunks each worker processes before it is replaced by a fresh fork (see ``map_chunks``).
ROUND_CHUNKS = 64


def _run_chunk(i: int):
    fn, chunks = _CHUNK_TASK  # type: ignore[misc]
    return fn(chunks[i])


def map_chunks(fn: Callable, chunks: list, *, desc: str = "processing", meanwhile: Callable | None = None) -> list:
    """Return ``[fn(c) for c in chunks]``, computed on every core, in order.

    Workers are forked after the model is loaded in this process, so they share it without
    loading it again, and they inherit ``fn`` and the chunks (nothing is pickled but results).
    Where forking is unavailable, or for a single chunk, the chunks run here. A progress bar
    shows on a terminal only.

    Args:
        fn: the function applied to each chunk.
        chunks: the chunks, in order.
        desc: the progress bar's label.
        meanwhile: work for this process while the workers compute (after they are forked, so
            they do not inherit it): loading what the next step needs, say. Run before the
            chunks when they run here.

    Example:
        >>> map_chunks(len, [[1, 2], [3]])
        [2, 1]
    """
    global _CHUNK_TASK
    jobs = count_jobs(len(chunks))
    bar = _progress_bar(len(chunks), desc)
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        out = []
        for c in chunks:
            out.append(fn(c))
            bar.update()
        bar.close()
        return out
    from concurrent.futures import ProcessPoolExecutor

    _CHUNK_TASK = (fn, chunks)
    out = []
    try:
        # a long-lived worker grows (spaCy's string store, the allocator's free lists): fresh
        # workers are forked every ROUND_CHUNKS chunks each, which bounds their memory
        step = jobs * ROUND_CHUNKS
        for first in range(0, len(chunks), step):
            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                # with fork, every worker is started at the first submission: nothing done
                # below is copied into them
                results = pool.map(_run_chunk, range(first, min(first + step, len(chunks))))
                if meanwhile is not None and first == 0:
                    meanwhile()
                for r in results:
                    out.append(r)
                    bar.update()
    finally:
        _CHUNK_TASK = None
        bar.close()
    return out


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, desc: str):
    # a bar only for a person watching a terminal; never in logs, pipes or notebooks' stderr files
    if total < 2 or not sys.stderr.isatty():
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, file=sys.stderr, leave=False)
