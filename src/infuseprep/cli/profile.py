"""The people whose progress is kept."""

from infuseprep.cli.common import command


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
