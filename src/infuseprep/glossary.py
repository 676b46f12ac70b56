"""The glossary: plain meanings of the words the steps use, shown with a step and on paper.

A glossary file (``glossary.yaml`` in a checklist folder) is a list of terms. Reading one and
reporting its problems is ``validation``'s job, so commands that use the cached catalog never load
the YAML machinery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

GLOSSARY_FILE_NAMES = ("glossary.yaml", "glossary.yml")
TERM_KEYS = ("term", "also", "means", "source")
TERM_REQUIRED = ("term", "means")
MAX_MEANING = 200


class Term(NamedTuple):
    term: str
    means: str
    also: tuple[str, ...] = ()
    source: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.also)


@lru_cache(maxsize=1024)
def _pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words in any case: "IV" in "an IV line", not in "give"; "co-pay" not in "co-payer"."""
    words = "|".join(re.escape(spelling) for spelling in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


class Glossary(NamedTuple):
    terms: tuple[Term, ...] = ()

    def merged(self, later: Glossary) -> Glossary:
        """This glossary with ``later``'s terms added, a term of the same name replaced."""
        by_name = {term.term.casefold(): term for term in self.terms}
        by_name.update({term.term.casefold(): term for term in later.terms})
        return Glossary(tuple(sorted(by_name.values(), key=lambda term: term.term.casefold())))

    def used_in(self, texts: Iterable[str]) -> tuple[Term, ...]:
        """The terms that any of ``texts`` uses, in the glossary's order."""
        text = "\n".join(texts)
        return tuple(term for term in self.terms if _pattern(term.spellings).search(text))


def glossary_document(glossary: Glossary) -> list[dict[str, Any]]:
    """A glossary as plain JSON values, for the catalog cache; ``glossary_from`` reverses it."""
    return [
        {"term": term.term, "means": term.means, "also": list(term.also), "source": term.source}
        for term in glossary.terms
    ]


def glossary_from(document: object) -> Glossary:
    """Rebuild a cached glossary, checking every field: ``TypeError`` when one is wrong."""
    if not isinstance(document, list):
        raise TypeError("glossary")
    terms = []
    for entry in document:
        term, means, also, source = entry["term"], entry["means"], entry["also"], entry["source"]
        texts = [term, means, *also] if isinstance(also, list) else None
        if texts is None or not all(isinstance(text, str) for text in texts):
            raise TypeError("term")
        if not (source is None or isinstance(source, str)):
            raise TypeError("source")
        terms.append(Term(term, means, tuple(also), source))
    return Glossary(tuple(terms))
