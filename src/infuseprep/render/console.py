"""The Rich console every terminal renderer writes to.

Rich already drops colour for ``NO_COLOR``, ``TERM=dumb`` and output that is not a terminal, and
reads ``COLUMNS``; markup and automatic highlighting are off so checklist text prints as written.
"""

from __future__ import annotations

from rich.console import Console


def make_console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)
