"""A wall-clock budget per document: no input keeps a run busy for longer than that.

Sniffing and parsing are written to be linear, but parsers we call (trafilatura, lxml,
feedparser, charset detection) are not ours, so every outcome a reader produces is
computed under a budget (``IngestOptions.doc_timeout``). It is a ``SIGALRM`` timer, so
it interrupts pure-Python and regex loops alike; budgets nest (an inner one never
outlives its outer one). Outside the main thread there are no signals, and the budget
is not enforced (the Spark job and tests in threads run without one).
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, TypeVar

from parley.errors import DocumentTimeout

T = TypeVar("T")

_deadlines: list[float] = []  # monotonic deadlines of the active budgets, outermost first


class _Expired(BaseException):
    """Raised by the timer; a BaseException so no reader's ``except Exception`` eats it."""


def _on_alarm(signum, frame) -> None:
    raise _Expired()


def _arm() -> None:
    remaining = min(_deadlines) - time.monotonic() if _deadlines else 0.0
    # a deadline already past is being reported by the exception on its way out: no re-fire
    signal.setitimer(signal.ITIMER_REAL, remaining if remaining > 0 else 0)


def _usable() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def budget(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Run the block within ``seconds`` of wall-clock time, else raise ``DocumentTimeout``."""
    if not seconds or seconds <= 0 or not _usable():
        yield
        return
    previous = signal.getsignal(signal.SIGALRM) if not _deadlines else None
    if not _deadlines:
        signal.signal(signal.SIGALRM, _on_alarm)
    deadline = time.monotonic() + seconds
    _deadlines.append(deadline)
    _arm()
    try:
        yield
    except _Expired:
        if time.monotonic() < deadline - 1e-3 and len(_deadlines) > 1:
            raise  # an outer budget ran out: let the outer block report it
        raise DocumentTimeout(f"reading this {what} took longer than the {seconds:g} s budget") from None
    finally:
        _deadlines.pop()
        _arm()
        if not _deadlines and previous is not None:
            signal.signal(signal.SIGALRM, previous)


def budgeted(gen: Iterator[T], seconds: float | None, what: str = "document") -> Iterator[T]:
    """Iterate ``gen`` with the budget running only while it computes each item (not
    while the consumer stores it): each outcome has the whole budget."""
    while True:
        with budget(seconds, what):
            try:
                item = next(gen)
            except StopIteration:
                return
        yield item
