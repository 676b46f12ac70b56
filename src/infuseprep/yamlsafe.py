"""Safe, bounded YAML loading that keeps the line and column of every value.

Checklists come from clinic staff and from the internet, so a file is untrusted input. It is
read through PyYAML's event stream (never ``yaml.load``), built into plain nodes that carry
their position, and refused as soon as it crosses one of the limits below. Aliases are not
copied: an alias node is shared, and its size counts again towards ``MAX_VALUES``, so a
"billion laughs" file stops after a few thousand events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from infuseprep.files import MAX_FILE_BYTES
from infuseprep.i18n import _

if TYPE_CHECKING:
    import yaml

MAX_ALIASES = 100
MAX_DEPTH = 32
MAX_VALUES = 50_000


def depth_message() -> str:
    return _("values are nested more than {limit} levels deep; it is refused").format(
        limit=MAX_DEPTH
    )


ScalarValue = object
_SAFE_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQUENCE_TAGS = frozenset({"!", "tag:yaml.org,2002:seq"})
_MAPPING_TAGS = frozenset({"!", "tag:yaml.org,2002:map"})
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Scalar:
    value: ScalarValue
    line: int
    column: int


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True)
class Mapping:
    entries: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int

    def get(self, key: str) -> Node | None:
        for entry_key, value in self.entries:
            if entry_key.value == key:
                return value
        return None


Node = Scalar | Sequence | Mapping


class YamlProblem(Exception):
    """The text is not YAML we accept; line and column are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text(path: Path) -> str:
    """Read a regular file as UTF-8: huge files are refused unread, and a bad byte is located.

    A folder, FIFO or device raises ``OSError`` without blocking (see ``files.read_regular``).
    """
    from infuseprep.files import TooLarge, read_regular

    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except TooLarge:
        raise YamlProblem(
            _(
                "file is larger than {size} KiB; checklist files are small, so it is refused unread"
            ).format(size=MAX_FILE_BYTES // 1024)
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            _("byte {byte} is not valid UTF-8; save the file as UTF-8").format(
                byte=f"0x{data[error.start]:02x}"
            ),
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str) -> Node | None:
    """Parse one YAML document into nodes; ``None`` when the text holds no document at all."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        return _Builder(loader).build()
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error) from None
    except yaml.reader.ReaderError as error:
        raise _character_problem(text, chr(error.character)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(_("not valid YAML: {error}").format(error=error)) from None
    finally:
        loader.dispose()


def _character_problem(text: str, character: str) -> YamlProblem:
    """YAML refuses raw control characters; the first one in the text is the one it met."""
    from infuseprep.untrusted import Found

    index = max(0, text.find(character))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    description = Found(index, character).description
    return YamlProblem(
        _("the file contains {character}; remove it").format(character=description), line, column
    )


def _syntax_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    """Word PyYAML's error for an author: what is wrong where, and what it was in the middle of."""
    mark = error.problem_mark or error.context_mark
    if "maximum nesting depth" in str(error.problem):
        # libyaml (PyYAML 6.0.4 on) stops deep nesting itself, further ahead than we would.
        line, column = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        return YamlProblem(depth_message(), line, column)
    # PyYAML's own words stay English: they name what the parser met.
    problem = error.problem or error.context or "not valid YAML"
    context_mark = error.context_mark
    if error.problem and error.context and context_mark is not None:
        problem += (
            f" ({error.context} that starts at line {context_mark.line + 1},"
            f" column {context_mark.column + 1})"
        )
    if "mapping values are not allowed" in problem:
        message = _(
            'YAML syntax error: {problem}. A text with ": " in it must be in quotes or a ">-" '
            "block; otherwise check this line's indentation"
        ).format(problem=problem)
    else:
        message = _("YAML syntax error: {problem}").format(problem=problem)
    if mark is None:
        return YamlProblem(message)
    return YamlProblem(message, mark.line + 1, mark.column + 1)


def to_python(node: Node | None) -> object:
    """Plain Python values, for JSON Schema checks and for tests."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_python(item) for item in node.items]
    return {str(key.value): to_python(value) for key, value in node.entries}


def _position(event: yaml.Event) -> tuple[int, int]:
    """An event's 1-based line and column (PyYAML counts from 0)."""
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


@dataclass
class _Open:
    """A sequence or mapping whose end event has not come yet."""

    is_mapping: bool
    anchor: str | None
    line: int
    column: int
    children: list[Node]
    size: int = 1
    seen_keys: dict[object, Scalar] = field(default_factory=dict)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.documents = 0
        self.aliases = 0
        self.values = 0

    def build(self) -> Node | None:
        import yaml

        loader = self.loader
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._fail(_("a file holds one checklist; found a second YAML document"), event)
            elif isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event), 1, event)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._open(event)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                self._close(event)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
        return self.root

    def _fail(self, message: str, event: yaml.Event) -> NoReturn:
        raise YamlProblem(message, *_position(event))

    def _count(self, size: int, event: yaml.Event) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            self._fail(
                _("the file expands to more than {limit} values; it is refused").format(
                    limit=f"{MAX_VALUES:,}"
                ),
                event,
            )

    def _scalar(self, event: yaml.ScalarEvent) -> Scalar:
        import yaml

        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        line, column = _position(event)
        if tag not in _SAFE_SCALAR_TAGS and tag != _MERGE_TAG:
            self._fail(
                _('the tag "{tag}" is not allowed; use plain values').format(tag=event.tag), event
            )
        if tag == _MERGE_TAG:
            return Scalar("<<", line, column)
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            value = self.loader.construct_object(node)
        except yaml.constructor.ConstructorError as error:
            self._fail(error.problem or _("this value cannot be read"), event)
        except ValueError:  # Python refuses to read an integer of thousands of digits
            self._fail(_("this number has too many digits"), event)
        return Scalar(value, line, column)

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        import yaml

        is_mapping = isinstance(event, yaml.MappingStartEvent)
        allowed = _MAPPING_TAGS if is_mapping else _SEQUENCE_TAGS
        if event.tag is not None and event.tag not in allowed:
            self._fail(
                _('the tag "{tag}" is not allowed; use plain values').format(tag=event.tag), event
            )
        if len(self.stack) >= MAX_DEPTH:
            self._fail(depth_message(), event)
        self.stack.append(_Open(is_mapping, event.anchor, *_position(event), []))
        self._count(1, event)

    def _close(self, event: yaml.Event) -> None:
        frame = self.stack.pop()
        node: Node
        if frame.is_mapping:
            pairs = frame.children
            node = Mapping(
                tuple(
                    (key, value)
                    for key, value in zip(pairs[::2], pairs[1::2], strict=True)
                    if isinstance(key, Scalar)
                ),
                frame.line,
                frame.column,
            )
        else:
            node = Sequence(tuple(frame.children), frame.line, frame.column)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (node, frame.size)
        self._attach(node, frame.size, event)

    def _alias(self, event: yaml.AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self._fail(
                _("the file uses more than {limit} aliases (*name); it is refused").format(
                    limit=MAX_ALIASES
                ),
                event,
            )
        anchored = self.anchors.get(event.anchor or "")
        if anchored is None:
            self._fail(
                _('the alias "*{anchor}" has no matching anchor "&{anchor}"').format(
                    anchor=event.anchor
                ),
                event,
            )
            return
        node, size = anchored
        self._count(size, event)
        self._attach(node, size, event)

    def _add(self, node: Scalar, size: int, event: yaml.ScalarEvent) -> None:
        self._count(size, event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, size)
        self._attach(node, size, event)

    def _attach(self, node: Node, size: int, event: yaml.Event) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.is_mapping and len(frame.children) % 2 == 0:
            self._check_key(frame, node)
        frame.children.append(node)

    def _check_key(self, frame: _Open, key: Node) -> None:
        if not isinstance(key, Scalar):
            raise YamlProblem(
                _("a key must be a plain word, not a list or mapping"), key.line, key.column
            )
        seen = frame.seen_keys
        hashable = key.value if isinstance(key.value, (str, int, float, bool)) else repr(key.value)
        first = seen.get(hashable)
        if first is not None:
            message = _(
                'the key "{key}" appears twice in the same place (first on line {line})'
            ).format(key=key.value, line=first.line)
            raise YamlProblem(message, key.line, key.column)
        seen[hashable] = key
