"""The center card: checked where it is written, filled into steps that name the center."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from infuseprep.center import Center, fill, load_center_file, phone_problem, unknown_placeholders
from infuseprep.printout import tel_link

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside"

RIVERSIDE = Center(
    name="Riverside Infusion Center",
    phone="555-123-4567",
    after_hours="555-123-9999",
    web="https://riverside.example/infusion",
)


def test_a_good_card_loads(write) -> None:
    path = write(
        "center.yaml",
        """
        name: Riverside Infusion Center
        phone: (555) 123-4567
        after_hours: +1 555 123 9999 ext. 12
        address: 1 River Road, Springfield
        parking: Lot C, free for patients.
        check_in: Second floor, desk B.
        web: https://riverside.example/infusion
        """,
    )
    center, problems = load_center_file(path)
    assert problems == []
    assert center is not None
    assert center.phone == "(555) 123-4567"
    assert center.parking == "Lot C, free for patients."


def test_a_bad_card_is_reported_where_it_is(run, write) -> None:
    path: Path = write(
        "center.yaml",
        """
        name: Riverside Infusion Center
        phone: call us
        web: riverside.example
        colour: blue
        """,
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{path}:2:8: "call us" is not a phone number; write it like 555-123-4567 or '
        "+1 555 123 4567\n"
        f'{path}:3:6: "riverside.example" is not a web address; write it in full, starting '
        "with https://\n"
        f'{path}:4:1: unknown key "colour" in center card; known keys are "name", "phone", '
        '"after_hours", "address", "parking", "check_in", "web"\n'
    )


def test_a_card_needs_a_name_and_a_phone(write) -> None:
    center, problems = load_center_file(write("center.yaml", "address: 1 River Road\n"))
    assert center is None
    assert [problem.message for problem in problems] == [
        'center card is missing the required key "name"',
        'center card is missing the required key "phone"',
    ]


@pytest.mark.parametrize(
    "phone", ["555-123-4567", "(555) 123-4567", "+1 555 123 4567", "555.123.4567 x204"]
)
def test_phone_numbers_people_write(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["911", "call us", "555-CALL-NOW", "12345", "1" * 20])
def test_not_phone_numbers(phone: str) -> None:
    assert phone_problem(phone) is not None


def test_placeholders_are_filled_from_the_card_or_in_plain_words() -> None:
    text = "Call {center.name} at {center.phone}; at night, {center.after_hours}."
    assert fill(text, RIVERSIDE) == (
        "Call Riverside Infusion Center at 555-123-4567; at night, 555-123-9999."
    )
    assert fill(text, None) == (
        "Call your infusion center at the number they gave you; at night, your care team's "
        "after-hours number."
    )
    assert fill("Call {center.after_hours}.", RIVERSIDE._replace(after_hours=None)) == (
        "Call 555-123-4567."
    )
    assert unknown_placeholders("Call {center.fax} or {centre.phone}.") == [
        "center.fax",
        "centre.phone",
    ]


def test_validate_refuses_an_unknown_placeholder(run, write) -> None:
    path = write(
        "mine.yaml",
        """
        id: mine
        title: Mine
        items:
          - id: call
            text: Call {center.phone} or {center.fax}.
        """,
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{path}:5:11: "text" has the placeholder {{center.fax}}, which is not one of '
        "{center.name}, {center.phone}, {center.after_hours}, {center.address}, "
        "{center.parking}, {center.check_in}, {center.web}\n"
    )


def test_the_card_shows_on_status_printouts_calendar_and_fills_steps(
    run, write, home, tmp_path
) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "center.yaml").write_text(
        "name: Riverside Infusion Center\nphone: 555-123-4567\naddress: 1 River Road\n",
        encoding="utf-8",
    )
    (folder / "call.yaml").write_text(
        "id: call\ntitle: Call\nitems:\n  - id: call\n"
        "    text: Call {center.name} at {center.phone}.\n",
        encoding="utf-8",
    )
    run("appointment", "set", "in 10 days", "--time", "9:30")
    status = run("status").stdout
    assert status.startswith("Your center: Riverside Infusion Center, phone 555-123-4567.\n")
    assert "Call Riverside Infusion Center at 555-123-4567. (call/call)" in status
    printed = run("print").stdout
    assert "Center phone: 555-123-4567" in printed
    target = tmp_path / "visit.ics"
    run("calendar", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "LOCATION:Riverside Infusion Center\\, 1 River Road" in text
    # The person's own card wins over the one a clinic installed.
    run("profile", "set", "--center", "Hilltop Clinic", "--phone", "555-987-6543")
    assert run("status").stdout.startswith("Your center: Hilltop Clinic, phone 555-987-6543.\n")


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("555-010-4000", "tel:+15550104000"),
        ("(555) 123-4567", "tel:+15551234567"),
        ("1-555-123-4567", "tel:+15551234567"),
        ("+1 555 123 9999 ext. 12", "tel:+15551239999;ext=12"),
        ("555.123.4567 x204", "tel:+15551234567;ext=204"),
        ("+44 20 7946 0000", "tel:+442079460000"),
        ("020 7946 0000", "tel:02079460000"),
        ("123-456-7890", "tel:1234567890"),
    ],
)
def test_a_phone_becomes_a_tel_link(phone: str, link: str) -> None:
    assert tel_link(phone) == link


@pytest.fixture
def clinic(run) -> None:  # type: ignore[no-untyped-def]
    """The example clinic folder installed and a visit set."""
    assert run("checklists", "add", str(EXAMPLE)).exit_code == 0
    run("appointment", "set", "in 10 days", "--time", "9:30", "--medication", "belimumab-iv")


def test_every_printout_shows_the_card_and_its_phone_as_a_tel_link(run, clinic) -> None:
    text = run("print", "--checklist", "riverside-visit-day").stdout.splitlines()
    start = text.index("Center: Riverside Infusion Center")
    assert text[start : start + 9] == [
        "Center: Riverside Infusion Center",
        "Center phone: 555-010-4000 (tel:+15550104000)",
        "After hours: 555-010-4999 (tel:+15550104999)",
        "Address: 1200 River Road, Suite 300, Springfield",
        "Parking: Lot C is free for patients. Bring your ticket to the front",
        "    desk.",
        "Check-in: Take the east elevator to floor 3 and check in at desk B.",
        "Web page: https://riverside.example/infusion",
        "Driver: ______________________________",
    ]
    markdown = run("print", "--format", "markdown", "--checklist", "riverside-visit-day").stdout
    assert "- **Center phone:** 555-010-4000 (tel:+15550104000)\n" in markdown
    assert "- **Web page:** https://riverside.example/infusion\n" in markdown


def test_html_shows_a_qr_code_and_a_tel_link(run, clinic) -> None:
    page = run("print", "--format", "html", "--checklist", "riverside-visit-day").stdout
    assert page.count("<svg ") == 1
    assert '<figure class="qr"><svg role="img" aria-label="QR code to call 555-010-4000" ' in page
    assert (
        '<dt>Center phone</dt><dd><a href="tel:+15550104000">555-010-4000</a></dd>'
        '<dt>After hours</dt><dd><a href="tel:+15550104999">555-010-4999</a></dd>'
    ) in page
    assert (
        '<figcaption>Scan to call<br><a href="tel:+15550104000">555-010-4000</a></figcaption>'
    ) in page


def test_pdf_shows_a_qr_code_beside_the_number_on_page_one(run, clinic, tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    assert run("print", "-o", str(target)).exit_code == 0
    reader = PdfReader(target)
    first = reader.pages[0]
    assert len(first.images) == 1
    assert all(len(page.images) == 0 for page in reader.pages[1:])
    text = " ".join((first.extract_text() or "").split())
    assert "Scan to call 555-010-4000" in text
    assert "Center phone: 555-010-4000" in text
    assert "Check-in: Take the east elevator to floor 3 and check in at desk B." in text
    links = sorted(annotation.get_object()["/A"]["/URI"] for annotation in first.get("/Annots", []))
    # The phone's header line, the QR code and the two lines under it all dial the center.
    assert links == [
        "https://riverside.example/infusion",
        *["tel:+15550104000"] * 4,
        "tel:+15550104999",
    ]


def test_a_printout_without_a_card_has_no_qr_code(run, tmp_path: Path) -> None:
    run("appointment", "set", "in 10 days", "--center", "Hilltop Clinic")
    target = tmp_path / "plain.pdf"
    assert run("print", "-o", str(target)).exit_code == 0
    assert sum(len(page.images) for page in PdfReader(target).pages) == 0
    page = run("print", "--format", "html").stdout
    assert "<svg" not in page and "tel:" not in page and 'class="qr"' not in page
    assert "tel:" not in run("print").stdout


def test_every_placeholder_reads_as_words_without_a_card() -> None:
    from infuseprep.center import CENTER_KEYS

    for key in CENTER_KEYS:
        filled = fill(f"See {{center.{key}}}.", None)
        assert "{" not in filled, key
    assert fill("Park at {center.parking}.", RIVERSIDE) == (
        "Park at where your center asks you to park."
    )


def test_a_cached_card_of_the_wrong_shape_is_read_again(run, home) -> None:  # type: ignore[no-untyped-def]
    import json

    folder = home / "checklists"
    folder.mkdir()
    (folder / "center.yaml").write_text("name: Riverside\nphone: 555-010-4000\n", encoding="utf-8")
    assert run("status").stdout.startswith("Your center: Riverside, phone 555-010-4000.")
    entry = next(path for path in (home / "cache").iterdir() if path.name.startswith("center-"))
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["value"] = {"name": 7}
    entry.write_text(json.dumps(document), encoding="utf-8")
    result = run("status")
    assert result.exit_code == 0
    assert result.stdout.startswith("Your center: Riverside, phone 555-010-4000.")
