"""The one place infuseprep asks for the time, so tests can pin it."""

from __future__ import annotations

from datetime import date, datetime


def now() -> datetime:
    """The local time, with its UTC offset."""
    return datetime.now().astimezone()


def timestamp() -> str:
    return now().isoformat(timespec="seconds")


def today() -> date:
    """Today's date where the person is."""
    return now().date()
