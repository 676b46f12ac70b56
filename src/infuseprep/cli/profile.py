"""The people whose preparation is kept: list, add, show and change their details."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli.common import app, command, confirm, say, this_person
from infuseprep.errors import InfuseprepError, UsageProblem

if TYPE_CHECKING:
    from infuseprep.person import Settings

profile_app = typer.Typer(
    help="The people whose preparation is kept here, and their details.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")

NameOption = Annotated[
    str | None,
    typer.Option("--name", metavar="TEXT", help="The person's name, for the screen and printouts."),
]


@command("profiles")
def profiles() -> None:
    """List the people whose preparation is kept here."""
    from infuseprep import clock
    from infuseprep.person import find_person, known_profiles
    from infuseprep.render.history import print_profiles
    from infuseprep.render.plain import PlainWriter

    home = this_person().home
    people = [find_person(home, name) for name in known_profiles(home)]
    print_profiles(PlainWriter(), people, clock.today())


@command("list", group=profile_app)
def profile_list() -> None:
    """List the people whose preparation is kept here (as 'profiles')."""
    profiles()


@command("add", group=profile_app)
def profile_add(
    profile: Annotated[
        str, typer.Argument(metavar="PROFILE", help="A short name to type: mum, alex-2.")
    ],
    name: NameOption = None,
) -> None:
    """Add a person, for a caregiver who prepares for more than one."""
    from infuseprep.files import make_private_folder
    from infuseprep.person import Settings, find_person

    person = find_person(this_person().home, profile)
    if person.exists:
        raise UsageProblem(
            f'The profile "{person.profile}" is already here. To change its details, run: '
            f"{person.command('profile set --name NAME')}"
        )
    make_private_folder(person.folder)
    if name is not None:
        person.save_settings(Settings(name=_checked(name, "name")))
    say(
        f'Profile "{person.profile}" added. Use it by adding --profile {person.profile} to any '
        f"command, for example: {person.command('start')}"
    )


@command("set", group=profile_app)
def profile_set(
    name: NameOption = None,
    center: Annotated[
        str | None,
        typer.Option("--center", metavar="TEXT", help="The infusion center's name."),
    ] = None,
    phone: Annotated[
        str | None,
        typer.Option("--phone", metavar="PHONE", help="The center's main phone number."),
    ] = None,
    after_hours: Annotated[
        str | None,
        typer.Option(
            "--after-hours", metavar="PHONE", help="The number to call after hours or at night."
        ),
    ] = None,
) -> None:
    """Change the person's name or their infusion center's name and phones.

    Use it with --profile NAME for another person. What you leave out stays as it was.
    """
    from infuseprep.center import Center, phone_problem

    person = this_person()
    settings = person.settings()
    card = settings.center
    for number in (phone, after_hours):
        problem = None if number is None else phone_problem(number)
        if problem is not None:
            raise UsageProblem(problem[0].upper() + problem[1:] + ". Nothing was changed.")
    if center is not None or phone is not None or after_hours is not None:
        center_name = _checked(center, "center") if center else (card.name if card else None)
        center_phone = phone or (card.phone if card else None)
        if not center_name or not center_phone:
            example = person.command("profile set --center Riverside --phone 555-123-4567")
            raise UsageProblem(
                "A center needs both its name and its phone. Nothing was changed. For example: "
                + example
            )
        card = Center(
            name=center_name,
            phone=center_phone,
            after_hours=after_hours or (card.after_hours if card else None),
        )
    settings = settings._replace(
        name=_checked(name, "name") if name is not None else settings.name, center=card
    )
    person.save_settings(settings)
    _show(person.profile, settings)


@command("show", group=profile_app)
def profile_show() -> None:
    """Show the person's details: name, center and phones."""
    person = this_person()
    _show(person.profile, person.settings())


def _show(profile: str, settings: "Settings") -> None:
    lines = [f"Profile: {profile}", f"Name: {settings.name or 'not set'}"]
    card = settings.center
    if card is None:
        lines.append("Center: not set")
    else:
        lines.append(f"Center: {card.name}, phone {card.phone}")
        if card.after_hours:
            lines.append(f"After hours: {card.after_hours}")
    from infuseprep.untrusted import clean

    sys.stdout.write("\n".join(clean(line) for line in lines) + "\n")


def _checked(text: str, what: str) -> str:
    from infuseprep.progress import saveable

    words = " ".join(saveable(text, what).split())
    if not words or len(words) > 100:
        raise UsageProblem(f"The {what} must be 1 to 100 characters. Nothing was changed.")
    return words


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

    Their progress, backups, lock file, details and the checklists installed for them alone go,
    and a named profile's folder with them. The checklists for everyone and the cache are shared
    and stay. You are asked first; no answer means no.
    """
    from infuseprep.person import find_person
    from infuseprep.store import person_files, remove_person

    person = find_person(this_person().home, name)
    files = person_files(person)
    if not person.is_default and person.folder.is_dir():
        files.append(person.folder)  # a profile added but never used is still removed
    if not files:
        raise InfuseprepError(
            f'Nothing is saved for "{person.profile}", so nothing was deleted. '
            'Run "infuseprep profiles" to see who has saved progress.'
        )
    if not yes:
        listed = "".join(f"  {file}\n" for file in files)
        sys.stdout.write(f"These files of {person.profile} will be deleted for good:\n{listed}")
        if not confirm("Delete them?"):
            sys.stdout.write("Nothing was deleted.\n")
            return
    removed = remove_person(person)
    gone = "".join(f"  {file}\n" for file in removed)
    sys.stdout.write(f"Deleted for {person.profile}:\n{gone}")
    if not person.is_default and person.folder.is_dir():
        sys.stdout.write(f"{person.folder} was kept: it holds files infuseprep did not make.\n")
