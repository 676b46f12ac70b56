"""Where infuseprep keeps its files: ``INFUSEPREP_HOME`` if set, else the platform's data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from infuseprep.errors import UsageProblem

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


PROFILE_VARIABLE = "INFUSEPREP_PROFILE"
PROGRESS_FILE = "progress.json"
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def profiles_dir() -> Path:
    return home() / "profiles"


def progress_file(profile: str | None = None) -> Path:
    """The default profile's file sits in the home folder; each other profile has a folder."""
    if not profile:
        return home() / PROGRESS_FILE
    if not _PROFILE_NAME.fullmatch(profile):
        raise UsageProblem(
            f'"{profile}" cannot be a profile name. Use letters, digits, - and _ '
            "(up to 40), for example: mum, alex-2."
        )
    return profiles_dir() / profile / PROGRESS_FILE
