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


DEFAULT_PROFILE = "default"
_in_use: dict[str, str | None] = {"profile": None}


def use_profile(name: str | None) -> None:
    """Set the profile this run works on (from --profile or INFUSEPREP_PROFILE)."""
    _in_use["profile"] = name or None


def profile_in_use() -> str | None:
    """The profile chosen for this run; ``None`` for the default one."""
    return _in_use["profile"]


def profiles_dir() -> Path:
    return home() / "profiles"


def saved_profiles() -> list[tuple[str, Path]]:
    """Every profile with saved progress, the default first, as (name, progress file)."""
    found = [(DEFAULT_PROFILE, progress_file_of(None))]
    if profiles_dir().is_dir():
        found += [
            (folder.name, folder / PROGRESS_FILE)
            for folder in sorted(profiles_dir().iterdir())
            if (folder / PROGRESS_FILE).exists()
        ]
    return found


def progress_file() -> Path:
    """The progress file of the profile in use."""
    return progress_file_of(profile_in_use())


def progress_file_of(profile: str | None) -> Path:
    """The default profile's file sits in the home folder; each other profile has a folder."""
    if not profile:
        return home() / PROGRESS_FILE
    if not _PROFILE_NAME.fullmatch(profile):
        raise UsageProblem(
            f'"{profile}" cannot be a profile name. Use letters, digits, - and _ '
            "(up to 40), for example: mum, alex-2."
        )
    return profiles_dir() / profile / PROGRESS_FILE
