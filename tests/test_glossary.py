"""The glossary: its file format and checks, how terms are found, and where they are shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from infuseprep.catalog import bundled_dir, load_catalog
from infuseprep.catalog_files import checklist_files, glossary_files
from infuseprep.glossary import Glossary, Term

TERMS = Glossary(
    (
        Term("co-pay", "What you pay.", ("copay",)),
        Term("IV", "Into a vein."),
        Term("live vaccine", "A vaccine made from a weak germ.", ("live vaccines",)),
    )
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You get it through an iv line.", ["IV"]),
        ("We give it here.", []),
        ("Ask about your Copay.", ["co-pay"]),
        ("Your co-payer pays.", []),
        ("No LIVE VACCINES this month; your co-pay stays.", ["co-pay", "live vaccine"]),
    ],
)
def test_terms_are_whole_words_in_any_case(text: str, found: list[str]) -> None:
    assert [term.term for term in TERMS.used_in([text])] == found


def test_a_later_glossary_adds_terms_and_replaces_one_of_the_same_name() -> None:
    clinic = Glossary(
        (Term("iv", "A thin tube in your arm."), Term("port", "A device under the skin."))
    )
    merged = TERMS.merged(clinic)
    assert [(term.term, term.means) for term in merged.terms] == [
        ("co-pay", "What you pay."),
        ("iv", "A thin tube in your arm."),
        ("live vaccine", "A vaccine made from a weak germ."),
        ("port", "A device under the skin."),
    ]


def test_a_glossary_file_is_not_a_checklist() -> None:
    assert all(path.name != "glossary.yaml" for path in checklist_files([bundled_dir()]))
    assert glossary_files([bundled_dir()], translations=False) == [bundled_dir() / "glossary.yaml"]
    assert checklist_files([bundled_dir() / "glossary.yaml"]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "term: IV\nmeans: Into a vein.\n",
            [
                "1:1: a glossary file must be a list of terms (- term: ..., means: ...), "
                "not a group of key: value lines"
            ],
            id="not-a-list",
        ),
        pytest.param(
            "",
            ["1:1: a glossary file must be a list of terms (- term: ..., means: ...), not empty"],
            id="empty",
        ),
        pytest.param(
            "- term: IV\n  meaning: Into a vein.\n",
            [
                '2:3: unknown key "meaning" in term; did you mean "means"?',
            ],
            id="typo",
        ),
        pytest.param(
            "- term: IV\n", ['1:3: term is missing the required key "means"'], id="no-means"
        ),
        pytest.param(
            "- IV\n",
            ["1:3: each term must be key: value lines (term:, means:), not text"],
            id="not-a-mapping",
        ),
        pytest.param(
            "- term: IV\n  means: Into a vein.\n- term: iv\n  means: Again.\n",
            ['3:3: "iv" is already in this glossary (line 1)'],
            id="twice",
        ),
        pytest.param(
            "- term: IV\n  also: drip\n  means: Into a vein.\n",
            ['2:9: "also" must be a list of other spellings, not text'],
            id="also-not-a-list",
        ),
        pytest.param(
            f"- term: IV\n  means: {'Long words. ' * 20}\n",
            ['2:10: "means" must be one plain line of at most 200 characters, not 239'],
            id="too-long",
        ),
    ],
)
def test_validate_reports_glossary_mistakes_with_line_and_column(
    run, tmp_path: Path, text: str, expected: list[str]
) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}:{line}" for line in expected]


def test_a_clinic_folder_adds_to_and_overrides_the_bundled_glossary(home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "glossary.yaml").write_text(
        "- term: iv\n  means: A thin tube our nurses put in your arm.\n"
        "- term: port\n  also: [ports]\n  means: A small device under the skin.\n"
        "  source: Riverside nurse team\n",
        encoding="utf-8",
    )
    terms = {term.term.casefold(): term for term in load_catalog().glossary.terms}
    assert terms["iv"].means == "A thin tube our nurses put in your arm."
    assert terms["port"] == Term(
        "port", "A small device under the skin.", ("ports",), "Riverside nurse team"
    )
    assert "live vaccine" in terms


def test_an_invalid_clinic_glossary_is_left_out_with_a_warning(run, home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "glossary.yaml").write_text("- term: port\n", encoding="utf-8")
    result = run("list")
    assert result.exit_code == 0
    assert result.stderr == (
        f'{folder / "glossary.yaml"}:1:3: term is missing the required key "means"; skipped, '
        "run infuseprep validate\n"
    )
    assert run("validate", str(folder)).exit_code == 1


def test_the_walk_explains_the_words_a_step_uses(run) -> None:
    result = run("start", "--checklist", "insurance", input="?\nq\n")
    assert (
        "Source: benlysta.com Coverage Support page\n"
        "When: 4 weeks before. This step is done once.\n"
        "Words in this step:\n"
        "  prior authorization: Your insurance saying yes before you get a medicine. Your\n"
        "  doctor's office asks for it.\n"
    ) in result.stdout


def test_every_printout_ends_with_the_words_its_steps_use(run, tmp_path: Path) -> None:
    text = run("print", "--blank", "--checklist", "light-meal").stdout
    words = text.split("Words used in this list\n-----------------------\n", 1)[1]
    assert words.startswith("care team: The doctors, nurses, and staff who take care of you and\n")
    assert "prior authorization" not in words, "only the terms the printed steps use"
    markdown = run("print", "--blank", "--format", "markdown", "--checklist", "light-meal").stdout
    assert "## Words used in this list\n\n- **care team:** The doctors" in markdown
    page = run("print", "--blank", "--format", "html", "--checklist", "light-meal").stdout
    assert '<h2>Words used in this list</h2><dl class="words"><dt>care team</dt>' in page
    target = tmp_path / "meal.pdf"
    run("print", "--blank", "-o", str(target), "--checklist", "light-meal")
    from pypdf import PdfReader

    pdf = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(target).pages
    )
    assert "Words used in this list care team: The doctors" in pdf
