"""The people whose progress is kept: list them, and delete one person's data."""

import sys
from typing import Annotated

import typer

from infuseprep.cli.common import app, command, confirm
from infuseprep.errors import InfuseprepError

profile_app = typer.Typer(help="Delete the data kept for one person.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")


@command("profiles")
def profiles() -> None:
    """List the people whose progress is kept."""
    from infuseprep import clock
    from infuseprep.paths import saved_profiles
    from infuseprep.render.history import print_profiles
    from infuseprep.render.plain import PlainWriter
    from infuseprep.store import ProgressStore

    found = [(name, ProgressStore(path)) for name, path in saved_profiles()]
    print_profiles(PlainWriter(), found, clock.today())


@command("delete", group=profile_app)
def profile_delete(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help='The profile, as "profiles" lists it; "default" is the one without --profile.',
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every file kept for one person.

    Their progress, backups and lock file go, and a named profile's folder with them. The
    checklists and the cache are shared and stay. You are asked first; no answer means no.
    """
    from infuseprep.paths import DEFAULT_PROFILE, progress_file_of
    from infuseprep.store import person_files, remove_person

    named = None if name == DEFAULT_PROFILE else name
    path = progress_file_of(named)
    files = person_files(path)
    if not files:
        raise InfuseprepError(
            f'Nothing is saved for "{name}", so nothing was deleted. '
            'Run "infuseprep profiles" to see who has saved progress.'
        )
    if not yes:
        listed = "".join(f"  {file}\n" for file in files)
        sys.stdout.write(f"These files of {name} will be deleted for good:\n{listed}")
        if not confirm("Delete them?"):
            sys.stdout.write("Nothing was deleted.\n")
            return
    removed = remove_person(path, with_folder=named is not None)
    gone = "".join(f"  {file}\n" for file in removed)
    sys.stdout.write(f"Deleted for {name}:\n{gone}")
    if named is not None and path.parent.is_dir():
        sys.stdout.write(f"{path.parent} was kept: it holds files infuseprep did not make.\n")
