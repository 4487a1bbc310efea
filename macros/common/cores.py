"""Run one function over many items on every core, the results in the items' order.

Reading the data files is the validator's cost, and each file is read alone: this process reads the
first share of the files while a forked process per other core reads each other share, and the
results come back in order, so the verdicts and messages are those of one process reading them all.
A small project is read here alone: starting a process costs more than a few hundred files.
`forked_pool` is also what the annual reports are typeset in (macros/files/typeset.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

ALONE_BELOW = 400  # fewer data files than this are read here alone: a forked process would cost more than it saves


def cores() -> int:
    """The cores this process may run on (a container's or CI runner's limit, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_on_cores(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, the work shared between this process and one fork per other core.

    Forking (where the system has it) starts each process with the code already imported and
    nothing to send but the items; `function` must be picklable, as its results are.
    """
    count = cores() if len(items) >= ALONE_BELOW else 1
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    share = -(-len(items) // count)
    shares = [items[start:start + share] for start in range(0, len(items), share)]
    with forked_pool(len(shares) - 1) as pool:
        others = [pool.submit(_map, function, part) for part in shares[1:]]
        results = _map(function, shares[0])
        for other in others:
            results += other.result()
    return results


@contextmanager
def forked_pool(count: int) -> Iterator[ProcessPoolExecutor]:
    """`count` processes forked from this one, started as work is given, which leave Ctrl-C to this process.

    Ctrl-C reaches every process of the terminal's group: a worker waiting for work would end with a traceback
    of its own. Workers ignore it instead; when the block fails or is interrupted, the work not yet started is
    dropped and the block ends once the work at hand is done.
    """
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                             initializer=_leave_interrupts_to_parent) as pool:
        try:
            yield pool
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _leave_interrupts_to_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [function(item) for item in items]
