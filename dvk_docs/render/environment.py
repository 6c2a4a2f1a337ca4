"""The Jinja environment every template renders in: sandboxed, strict, XML-escaping, Vietnamese filters.

- ``SandboxedEnvironment``: a template edited by a clerk cannot reach Python internals.
- ``StrictUndefined``: a name the document does not provide is an error, never a silent blank.
- autoescape: values are XML-escaped, so "Phòng Kế hoạch & Tài chính" comes out intact; docxtpl
  turns a line break inside a value into a Word line break.
- finalize: characters a Word file cannot hold (control characters) are removed from every printed
  text, wherever the value came from (the workbook reader removes them too, with a warning), and
  CR LF / CR become one line break; a value holding docxtpl's escaped tags (``{_{ … }_}``) prints
  them verbatim.
- arithmetic bombs (``999999999**999999999``, ``'x' * 10**10``) raise ``SecurityError`` at once:
  ``**`` and ``*`` are checked at run time instead of being folded while compiling.
- bounded work: every ``{% for %}`` of one rendering shares a budget of :data:`MAX_LOOP_STEPS`
  iterations (nested ``range(100000)`` loops stop at once); no single operation builds more than
  :data:`MAX_TEXT` characters — format widths and precisions (``"{:2000000000}".format``,
  ``"%2000000000d" % 1``, the ``format`` filter), ``center``/``ljust``/``rjust``/``zfill``/
  ``expandtabs``, ``join``, ``replace``, ``translate``, the ``center``/``indent``/``wordwrap``/
  ``join``/``replace`` filters, size arguments of ``batch``/``slice``/``tojson``/``truncate``/
  ``format_number`` and ``lipsum``. Each raises ``SecurityError`` with a Vietnamese message
  before the work starts (the estimate is made from the arguments), and any text an operation
  returns is checked again.
- filters from :mod:`dvk_docs.vntext`: ``date_line``, ``date_words``, ``short_date``,
  ``amount_in_words``, ``number_in_words``, ``leading_zero``, ``format_number``, ``to_roman``,
  ``point_letter``, ``upper`` (Jinja's own filters stay available too).
"""

from __future__ import annotations

import functools
import math
import re
import string
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from .. import vntext
from ..safety import strip_control_characters

FILTERS = {  #: our filters, by the name templates use
    name: getattr(vntext, name)
    for name in (
        "date_line", "date_words", "short_date", "amount_in_words", "number_in_words",
        "leading_zero", "format_number", "to_roman", "point_letter",
    )
}


MAX_POWER_BITS = 4096  #: largest result of ``**`` a template may compute, in bits
MAX_TEXT = 100_000  #: longest text (or list) one operation of a template may build, in characters
MAX_LOOP_STEPS = 200_000  #: iterations all the ``{% for %}`` loops of one rendering may run together
COUNTED = "_dvk_counted"  #: the global every ``{% for %}`` iterates through (see ``_generate``)
JOINED = "_dvk_joined"  #: the global every ``~`` joins through
LIPSUM_CHARACTERS = 1000  #: most characters of one ``lipsum`` paragraph (100 words)
WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})  #: str methods: width -> length
SIZE_FILTERS = frozenset(  #: filters whose whole-number arguments are sizes (width, count, places)
    {"center", "indent", "wordwrap", "truncate", "batch", "slice", "tojson", "format_number"}
)
_ESCAPED_TAG_UNDERSCORE = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")  #: in {_{ }_} {_% %_}
_FORMAT_NUMBERS = re.compile(r"\d+")
_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_STEPS: weakref.WeakKeyDictionary[Context, int] = weakref.WeakKeyDictionary()  #: loop steps so far


class TemplateSandbox(SandboxedEnvironment):
    """The sandbox, with the work of a template bounded (see the module docstring)."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, type(left)):
            _check_length(len(left) + len(right), "+")
        if operator == "**" and _power_too_big(left, right):
            raise SecurityError(f"phép lũy thừa {left}**{right} quá lớn, mẫu không được tính")
        if operator == "*" and _repeat_too_long(left, right):
            raise SecurityError("phép nhân chuỗi tạo ra văn bản quá dài, mẫu không được tính")
        if operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        args = _checked_call(__obj, args, kwargs)
        return _short(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        formatter = SandboxedFormatter(self)

        def checked(*args: Any, **kwargs: Any) -> str:
            fields = args[0] if value.__name__ == "format_map" and args else kwargs
            _check_format(value.__self__, args, fields, formatter)
            return _short(wrapper(*args, **kwargs))

        return functools.update_wrapper(checked, value)

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        """Compile ``source`` with every ``{% for %}`` iterating through :func:`_counted` and every
        ``~`` joining through :func:`_joined`."""
        return super()._generate(_Bounded().visit(source), name, filename, defer_init)


class _Bounded(NodeTransformer):
    """Routes loops and ``~`` of a parsed template through the guards (once: compiling again
    leaves a guarded tree unchanged)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        if not _calls(node.iter, COUNTED):
            node.iter = nodes.Call(nodes.Name(COUNTED, "load"), [node.iter], [], None, None,
                                   lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.Name(JOINED, "load"), node.nodes, [], None, None, lineno=node.lineno)


def _calls(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == name


def make_environment() -> TemplateSandbox:
    """A new environment for rendering Word templates (see the module docstring)."""
    env = TemplateSandbox(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                          finalize=_printable)
    env.filters.update(FILTERS)
    env.filters = {name: _guarded_filter(name, function) for name, function in env.filters.items()}
    env.globals.update({COUNTED: _counted, JOINED: _joined})
    return env


@pass_context
def _counted(context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
    """``iterable``, counting its items against the rendering's :data:`MAX_LOOP_STEPS`."""
    for item in iterable:
        steps = _STEPS.get(context, 0) + 1
        if steps > MAX_LOOP_STEPS:
            raise SecurityError(f"các vòng lặp {{% for %}} của mẫu chạy quá {vntext.format_number(MAX_LOOP_STEPS)} "
                                "lượt (vòng lặp lồng nhau quá lớn?), mẫu không được tính")
        _STEPS[context] = steps
        yield item


@pass_eval_context
def _joined(eval_context: EvalContext, *parts: Any) -> str:
    """``a ~ b ~ …`` as Jinja joins it (escaping plain text next to markup when autoescaping),
    refused when the result would be longer than :data:`MAX_TEXT`."""
    texts = [part if isinstance(part, str) else str(part) for part in parts]
    _check_length(sum(len(text) for text in texts), "~")
    return markup_join(parts) if eval_context.autoescape else str_join(parts)


def _guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (the filter ``name``) refusing arguments that would build too much text."""
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0  # context/environment passed first

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[skip], args[skip + 1:]
        value = _checked_filter(name, value, rest, kwargs)
        return _short(function(*args[:skip], value, *rest, **kwargs))

    return guarded


def _checked_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """``value`` (a list when it had to be counted); SecurityError when the result would be too long."""
    if name in SIZE_FILTERS:
        _check_sizes(name, (*args, *kwargs.values()))
    text = value if isinstance(value, str) else ""
    if name == "join":
        value = _items(value)
        separator = str(args[0] if args else kwargs.get("d", ""))
        _check_length(len(separator) * len(value) + sum(len(str(v)) for v in value), "join")
    elif name == "replace" and len(args) >= 2:
        _check_length(_replaced_length(str(value), str(args[0]), str(args[1]), args[2] if len(args) > 2 else None),
                      "replace")
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        pad = width if isinstance(width, int) else len(str(width))
        _check_length(len(text) + (text.count("\n") + 1) * pad, "indent")
    elif name == "wordwrap":
        wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring") or "\n"
        _check_length(len(text) * (1 + len(str(wrap))), "wordwrap")
    elif name == "format":
        _check_printf(str(value), args or kwargs)
    return value


def _checked_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """``args`` (``join``'s items counted into a list); SecurityError when a text method or
    ``lipsum`` would build too much."""
    owner, name = getattr(function, "__self__", None), getattr(function, "__name__", "")
    if function is generate_lorem_ipsum:
        _check_sizes("lipsum", (*args, *kwargs.values()))
        _check_length(LIPSUM_CHARACTERS * (args[0] if args else kwargs.get("n", 5)), "lipsum")
    if not isinstance(owner, str):
        return args
    if name in WIDTH_METHODS and args:
        _check_sizes(name, args[:1])
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        _check_sizes(name, (tab,))
        _check_length(len(owner) + owner.count("\t") * tab, name)
    elif name == "join" and args:
        items = _items(args[0])
        _check_length(len(owner) * len(items) + sum(len(str(v)) for v in items), name)
        return (items, *args[1:])
    elif name == "replace" and len(args) >= 2:
        _check_length(_replaced_length(owner, str(args[0]), str(args[1]), args[2] if len(args) > 2 else None),
                      name)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        _check_length(len(owner) * longest, name)
    return args


def _check_format(template: str, args: tuple[Any, ...], fields: Any, formatter: SandboxedFormatter) -> None:
    """Widths and precisions of ``str.format`` fields, nested ones (``{:{w}}``) resolved."""
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is None or not spec:
            continue
        if "{" in spec:
            spec = formatter.vformat(spec, args, fields if isinstance(fields, dict) else {})
        _check_sizes("format", [int(n) for n in _FORMAT_NUMBERS.findall(spec)])


def _check_printf(template: str, values: Any) -> None:
    """Widths and precisions of ``%`` formatting (``*`` takes them from ``values``)."""
    for width, precision in _PRINTF_SPEC.findall(template):
        if "*" in (width, precision):
            given = values if isinstance(values, tuple) else (values,)
            _check_sizes("%", [v for v in given if isinstance(v, int)])
        _check_sizes("%", [int(n) for n in (width, precision) if n.isdigit()])


def _check_sizes(operation: str, values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
            shown = vntext.format_number(value) if math.isfinite(value) else str(value)
            raise SecurityError(f"“{operation}” với độ rộng/số lượng {shown} quá lớn (tối đa "
                                f"{vntext.format_number(MAX_TEXT)}), mẫu không được tính")


def _check_length(length: int, operation: str) -> None:
    if length > MAX_TEXT:
        raise SecurityError(f"“{operation}” sẽ tạo ra đoạn chữ dài {vntext.format_number(length)} ký tự "
                            f"(tối đa {vntext.format_number(MAX_TEXT)}), mẫu không được tính")


def _short(result: Any) -> Any:
    """``result``, unless it is a text or list longer than :data:`MAX_TEXT`."""
    if isinstance(result, (str, list, tuple)):
        _check_length(len(result), "kết quả")
    return result


def _items(value: Any) -> list[Any]:
    """``value``'s items, counted: never more than :data:`MAX_TEXT` of them."""
    items = []
    for item in value:
        items.append(item)
        if len(items) > MAX_TEXT:
            _check_length(len(items), "join")
    return items


def _replaced_length(text: str, old: str, new: str, count: Any) -> int:
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _printable(value: Any) -> Any:
    """Plain text without control characters, line ends as "\\n" (one Word line break each);
    other values unchanged. In text and markup, the underscore of docxtpl's escaped tags
    (``{_{`` ``}_}`` ``{_%`` ``%_}``) becomes the character reference ``&#95;``: docxtpl turns those
    markers into ``{{`` ``}}`` in the whole rendered XML, which would eat a value's underscores."""
    if type(value) is str:
        value = strip_control_characters(value)[0].replace("\r\n", "\n").replace("\r", "\n")
        if _has_escaped_tag(value):
            value = escape(value)
    if isinstance(value, Markup) and _has_escaped_tag(value):
        return Markup(_ESCAPED_TAG_UNDERSCORE.sub("&#95;", str(value)))
    return value


def _has_escaped_tag(text: str) -> bool:
    """True when ``text`` holds one of docxtpl's escaped tags (its lookbehinds make the pattern
    slow: a plain substring test first)."""
    return ("{_" in text or "_}" in text) and _ESCAPED_TAG_UNDERSCORE.search(text) is not None


def _power_too_big(base: Any, exponent: Any) -> bool:
    if not isinstance(base, (int, float)) or not isinstance(exponent, (int, float)):
        return False
    if abs(base) <= 1 or exponent <= 0:
        return False
    return exponent * math.log2(abs(base)) > MAX_POWER_BITS


def _repeat_too_long(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count > MAX_TEXT
    return False
