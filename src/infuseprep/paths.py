"""Where infuseprep keeps its files: ``INFUSEPREP_HOME`` if set, else the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "INFUSEPREP_HOME"


def home() -> Path:
    """The folder for the user's checklists and progress; tests point it elsewhere."""
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("infuseprep", appauthor=False)


def cache_dir() -> Path:
    """Where parsed checklists are kept between runs; nothing personal is stored there."""
    if os.environ.get(HOME_VARIABLE, "").strip():
        return home() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("infuseprep", appauthor=False)


def user_checklists_dir() -> Path:
    return home() / "checklists"
