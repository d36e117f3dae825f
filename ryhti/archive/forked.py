"""Work on data already in memory, done in a forked copy of the process meanwhile.

``ryhti diff`` holds two loaded plans and has two jobs left that do not depend on each
other: matching the objects and computing both plans' dimensioning. A forked child sees
the loaded plans as they are (copy-on-write, nothing to send) and sends back only its
small result, so on a machine of two cores the two jobs take the time of the longer one.
Where there is no ``fork``, only one core, or the child fails, the work is simply done
here, with the same result.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["in_child"]

T = TypeVar("T")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(send: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        value = fn(*args)
    except BaseException:  # the parent computes it again and meets the error itself
        send.send((False, None))
    else:
        send.send((True, value))
    finally:
        send.close()


def in_child(fn: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start ``fn(*args)`` in a forked child; the function returned gives its result."""
    import multiprocessing

    if not hasattr(os, "fork") or _cores() < 2:
        return lambda: fn(*args)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_run, args=(send, fn, args), daemon=True)
    try:
        child.start()
    except OSError:  # no more processes: do it here
        recv.close()
        send.close()
        return lambda: fn(*args)
    send.close()

    def result() -> T:
        try:
            ok, value = recv.recv()
        except (EOFError, OSError):  # the child died (killed, out of memory)
            ok, value = False, None
        finally:
            recv.close()
            child.join()
        return value if ok else fn(*args)

    return result
