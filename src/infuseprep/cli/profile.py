"""The people whose preparation is kept: list, add, show and change their details."""

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep import i18n
from infuseprep.cli import complete
from infuseprep.cli.common import app, command, group
from infuseprep.cli.context import confirm, say, this_person
from infuseprep.errors import InfuseprepError, UsageProblem
from infuseprep.i18n import _

if TYPE_CHECKING:
    from infuseprep.person import Settings

profile_app = group(
    _("The people whose preparation is kept here, and their details."),
    _("infuseprep profile add mum --name Rosa --lang es"),
    "infuseprep --profile mum profile show",
    no_args_is_help=True,
)
app.add_typer(profile_app, name="profile")

NameOption = Annotated[
    str | None,
    typer.Option(
        "--name", metavar=_("NAME"), help=_("The person's name, for the screen and printouts.")
    ),
]
# The word that clears a kept language, so the person's runs follow the computer again.
FOLLOW_COMPUTER = "auto"
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar=_("LANGUAGE"),
        autocompletion=complete.languages,
        help=_(
            "The language to keep for this person: en (English) or es (español); auto "
            "forgets it, to follow the computer again."
        ),
    ),
]


def _kept_language(typed: str) -> str | None:
    """The language code to keep; ``None`` for "auto"; a language not spoken is refused."""
    if typed.strip().lower() == FOLLOW_COMPUTER:
        return None
    code = i18n.language_code(typed)
    if code is None:
        raise UsageProblem(i18n.not_spoken(typed))
    return code


@command(
    "profiles",
    _("List the people whose preparation is kept here."),
    "infuseprep profiles",
)
def profiles() -> None:
    from infuseprep import clock
    from infuseprep.person import find_person, known_profiles
    from infuseprep.render.history import print_profiles
    from infuseprep.render.plain import PlainWriter

    home = this_person().home
    people = [find_person(home, name) for name in known_profiles(home)]
    print_profiles(PlainWriter(), people, clock.today())


@command(
    "list",
    _("List the people whose preparation is kept here (as 'profiles')."),
    "infuseprep profile list",
    group=profile_app,
)
def profile_list() -> None:
    profiles()


@command(
    "add",
    _(
        "Add a person, for a caregiver who prepares for more than one.\n\n"
        "With --lang, infuseprep speaks that language whenever the profile is used."
    ),
    _("infuseprep profile add mum --name Rosa"),
    "infuseprep profile add mum --lang es",
    group=profile_app,
)
def profile_add(
    profile: Annotated[
        str, typer.Argument(metavar=_("PROFILE"), help=_("A short name to type: mum, alex-2."))
    ],
    name: NameOption = None,
    language: LanguageOption = None,
) -> None:
    from infuseprep.files import make_private_folder
    from infuseprep.person import Settings, find_person

    person = find_person(this_person().home, profile)
    if person.exists:
        raise UsageProblem(
            _(
                'The profile "{profile}" is already here. To change its details, run: {command}'
            ).format(profile=person.profile, command=person.command("profile set --name NAME"))
        )
    kept = _kept_language(language) if language is not None else None
    make_private_folder(person.folder)
    if name is not None or kept is not None:
        checked = _checked(name, "name") if name is not None else None
        person.save_settings(Settings(name=checked, language=kept))
    if kept is not None:
        i18n.use(kept)  # the rest of this run speaks to them already
    say(
        _(
            'Profile "{profile}" added. Use it by adding --profile {profile} to any command, '
            "for example: {command}"
        ).format(profile=person.profile, command=person.command("start"))
    )


@command(
    "set",
    _(
        "Change the person's name, language, or their infusion center's name and phones.\n\n"
        "Use it with --profile PROFILE for another person. What you leave out stays as it was."
    ),
    "infuseprep profile set --center Riverside --phone 555-123-4567",
    "infuseprep --profile mum profile set --lang es",
    group=profile_app,
)
def profile_set(
    name: NameOption = None,
    language: LanguageOption = None,
    center: Annotated[
        str | None,
        typer.Option("--center", metavar=_("NAME"), help=_("The infusion center's name.")),
    ] = None,
    phone: Annotated[
        str | None,
        typer.Option("--phone", metavar=_("PHONE"), help=_("The center's main phone number.")),
    ] = None,
    after_hours: Annotated[
        str | None,
        typer.Option(
            "--after-hours",
            metavar=_("PHONE"),
            help=_("The number to call after hours or at night."),
        ),
    ] = None,
) -> None:
    from infuseprep.center import Center, phone_problem

    person = this_person()
    settings = person.settings()
    card = settings.center
    for number in (phone, after_hours):
        problem = None if number is None else phone_problem(number)
        if problem is not None:
            said = problem[0].upper() + problem[1:]
            raise UsageProblem(_("{problem}. Nothing was changed.").format(problem=said))
    if center is not None or phone is not None or after_hours is not None:
        center_name = _checked(center, "center") if center else (card.name if card else None)
        center_phone = phone or (card.phone if card else None)
        if not center_name or not center_phone:
            example = person.command("profile set --center Riverside --phone 555-123-4567")
            raise UsageProblem(
                _(
                    "A center needs both its name and its phone. Nothing was changed. For "
                    "example: {command}"
                ).format(command=example)
            )
        card = Center(
            name=center_name,
            phone=center_phone,
            after_hours=after_hours or (card.after_hours if card else None),
        )
    kept = settings.language if language is None else _kept_language(language)
    settings = settings._replace(
        name=_checked(name, "name") if name is not None else settings.name,
        language=kept,
        center=card,
    )
    person.save_settings(settings)
    if language is not None:
        i18n.use(kept or i18n.choose(None, None, os.environ))  # speak as their next run will
    _show(person.profile, settings)


@command(
    "show",
    _("Show the person's details: name, language, center and phones."),
    "infuseprep profile show",
    "infuseprep --profile mum profile show",
    group=profile_app,
)
def profile_show() -> None:
    person = this_person()
    _show(person.profile, person.settings())


def _show(profile: str, settings: "Settings") -> None:
    not_set = _("not set")
    if settings.language in i18n.LANGUAGES:
        language = f"{i18n.LANGUAGES[settings.language]} ({settings.language})"
    else:
        language = _("not set (the computer's language)")
    lines = [
        _("Profile: {profile}").format(profile=profile),
        _("Name: {name}").format(name=settings.name or not_set),
        _("Language: {language}").format(language=language),
    ]
    card = settings.center
    if card is None:
        lines.append(_("Center: {center}").format(center=not_set))
    else:
        lines.append(
            _("Center: {center}, phone {phone}").format(center=card.name, phone=card.phone)
        )
        if card.after_hours:
            lines.append(_("After hours: {phone}").format(phone=card.after_hours))
    from infuseprep.untrusted import clean

    sys.stdout.write("\n".join(clean(line) for line in lines) + "\n")


def _checked(text: str, what: str) -> str:
    from infuseprep.progress import saveable

    words = " ".join(saveable(text, what).split())
    if not words or len(words) > 100:
        if what == "name":
            raise UsageProblem(_("The name must be 1 to 100 characters. Nothing was changed."))
        raise UsageProblem(_("The center must be 1 to 100 characters. Nothing was changed."))
    return words


@command(
    "delete",
    _(
        "Delete every file kept for one person.\n\n"
        "Their progress, backups, lock file, details and the checklists installed for them "
        "alone go, and a named profile's folder with them. The checklists for everyone and the "
        "cache are shared and stay. You are asked first; no answer means no."
    ),
    "infuseprep profile delete mum",
    group=profile_app,
)
def profile_delete(
    name: Annotated[
        str,
        typer.Argument(
            metavar=_("PROFILE"),
            help=_('The profile, as "profiles" lists it; "default" is the one without --profile.'),
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=_("Do not ask for confirmation."))
    ] = False,
) -> None:
    from infuseprep.person import find_person
    from infuseprep.person_files import person_files, remove_person

    person = find_person(this_person().home, name)
    files = person_files(person)
    if not person.is_default and person.folder.is_dir():
        files.append(person.folder)  # a profile added but never used is still removed
    if not files:
        raise InfuseprepError(
            _(
                'Nothing is saved for "{profile}", so nothing was deleted. Run "infuseprep '
                'profiles" to see who has saved progress.'
            ).format(profile=person.profile)
        )
    if not yes:
        listed = "".join(f"  {file}\n" for file in files)
        sys.stdout.write(
            _("These files of {profile} will be deleted for good:").format(profile=person.profile)
            + f"\n{listed}"
        )
        if not confirm(_("Delete them?")):
            sys.stdout.write(_("Nothing was deleted.") + "\n")
            return
    removed = remove_person(person)
    gone = "".join(f"  {file}\n" for file in removed)
    sys.stdout.write(_("Deleted for {profile}:").format(profile=person.profile) + f"\n{gone}")
    if not person.is_default and person.folder.is_dir():
        sys.stdout.write(
            _("{folder} was kept: it holds files infuseprep did not make.").format(
                folder=person.folder
            )
            + "\n"
        )
