"""The Jinja sandbox of the print forms, bounded: no form can run for ever or fill the memory.

Jinja's ``SandboxedEnvironment`` keeps a form away from Python's internals but not from work
without bound: ``{% for i in range(100000000) %}`` raised a raw ``OverflowError`` on every act,
``{{ 'x' * 1000000000 }}`` was computed already when the form was compiled (constant folding)
and took gigabytes. Here:

* ``range`` gives at most ``MAX_RANGE`` numbers;
* ``*`` and ``**``, ``%`` and the filters and string methods that pad or repeat (``center``,
  ``indent``, ``format``, ``replace``, ``join``, ``ljust``…) are checked *before* they run: a
  string or list longer than ``MAX_VALUE``, a power of more than ``MAX_POWER_BITS`` bits is
  refused; what ``+`` and ``~`` make is checked after (it is at most twice a checked value).
  Intercepted operators are never folded at compile time, so a form compiles fast whatever it holds;
* every ``{% for %}`` counts its steps against ``MAX_STEPS`` for the whole render (nested loops
  over long values included), and the render stops past ``MAX_OUTPUT`` characters or
  ``MAX_SECONDS``.

A refusal is a ``jinja2.exceptions.SecurityError`` whose message is Russian; ``render`` turns it
into a ``TemplateError`` naming the form and the text around the place.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

MAX_RANGE = 10_000  # numbers one range() gives
MAX_VALUE = 1_000_000  # characters (or items) of one value made by repeating or padding
MAX_POWER_BITS = 4096  # the size of a ** b
MAX_STEPS = 2_000_000  # loop steps in one render
MAX_OUTPUT = 50_000_000  # characters one part of a form renders to (a long UPD is a few MB)
MAX_SECONDS = 60.0  # one render (an act takes milliseconds)


class LimitError(SecurityError):
    """A form went past one of the bounds; the message is Russian, ready to show."""


@dataclass
class _Budget:
    deadline: float
    steps: int = MAX_STEPS
    output: int = MAX_OUTPUT

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise LimitError(f"циклы формы делают больше {MAX_STEPS:,} шагов".replace(",", " "))
        if not self.steps % 1024 and time.monotonic() > self.deadline:
            raise LimitError(f"заполнение длится дольше {MAX_SECONDS:.0f} с")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("aktdesk_form_budget", default=None)


def _current() -> _Budget:
    budget = _budget.get()
    if budget is None:  # rendered outside bounded_render (a direct Template.render): bound it too
        budget = _Budget(time.monotonic() + MAX_SECONDS)
        _budget.set(budget)
    return budget


def _too_long(size: int) -> LimitError:
    return LimitError(
        f"выражение даёт значение длиной {size:,} — больше {MAX_VALUE:,} символов".replace(",", " ")
    )


def _check_size(size: int) -> None:
    if size > MAX_VALUE:
        raise _too_long(size)


def _sized(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


def bounded_range(*args: int) -> Iterator[int]:
    """``range`` of a form: at most ``MAX_RANGE`` numbers, each step counted."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        shown = ", ".join(str(a) for a in args)
        raise LimitError(f"range({shown}) — больше {MAX_RANGE:,} шагов".replace(",", " "))
    return _counted(numbers)


def _counted(values: Iterable[Any]) -> Iterator[Any]:
    budget = _current()
    for value in values:
        budget.step()
        yield value


_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?|\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")


def _check_format(spec: Any) -> None:
    """A printf or str.format pattern: no width or precision over ``MAX_VALUE`` (nor ``*``)."""
    if not isinstance(spec, str):
        return
    for match in _WIDTH.finditer(spec):
        for group in match.groups():
            if group == "*":
                raise LimitError("ширина «*» в шаблоне формата не допускается")
            if group and int(group) > MAX_VALUE:
                raise _too_long(int(group))


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _check_size(len(text) + found * (len(new) - len(old)))


def _width_arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], names: tuple[str, ...]) -> int:
    widths = [a for a in args[:1] if isinstance(a, int)]
    widths += [kwargs[n] for n in names if isinstance(kwargs.get(n), int)]
    return max(widths, default=0)


def _checked_filter(name: str, check: Any) -> Any:
    original = FILTERS[name]

    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    bounded.__name__ = original.__name__
    for attr in ("jinja_pass_arg",):  # pass_context / pass_eval_context markers
        if hasattr(original, attr):
            setattr(bounded, attr, getattr(original, attr))
    return bounded


def _center_check(value: Any, width: int = 80) -> None:
    if isinstance(width, int):
        _check_size(width)


def _indent_check(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    if isinstance(width, int) and isinstance(value, str):
        _check_size(len(value) + width * (value.count("\n") + 1))
    elif isinstance(width, str) and isinstance(value, str):
        _check_size(len(value) + len(width) * (value.count("\n") + 1))


def _format_check(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_format(value)


def _replace_check(eval_ctx: Any, value: Any, old: Any, new: Any, count: Any = None) -> None:
    _check_replace(str(value), old, new, -1 if count is None else count)


def _join_check(eval_ctx: Any, value: Any, d: Any = "", *args: Any, **kwargs: Any) -> None:
    if isinstance(d, str) and hasattr(value, "__len__"):
        _check_size(len(d) * len(value))


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
    """Jinja's ``lipsum`` with at most 100 paragraphs of at most 1000 words."""
    if n > 100 or max > 1000:
        raise LimitError("lipsum: больше 100 абзацев или 1000 слов в абзаце")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _sized_result(value: Any) -> Any:
    if _sized(value):
        _check_size(len(value))
    return value


_COUNTED = "aktdesk_counted"  # the filter put around every loop's iterable
_SIZED = "aktdesk_sized"  # the filter put around every ``~``: its result is checked


@jinja2.pass_context
def _counted_filter(_context: Any, values: Any) -> Any:
    # pass_context: never called at compile time, so a constant loop is counted at render time too.
    if isinstance(values, jinja2.Undefined):
        return values
    return _counted(values)


@jinja2.pass_context
def _sized_filter(_context: Any, value: Any) -> Any:
    return _sized_result(value)


class FormEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox of the print forms with the bounds of the module docstring (lists and dicts of
    the context cannot be changed either: ``append`` in a loop could grow one without bound)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum
        self.filters["center"] = _checked_filter("center", _center_check)
        self.filters["indent"] = _checked_filter("indent", _indent_check)
        self.filters["format"] = _checked_filter("format", _format_check)
        self.filters["replace"] = _checked_filter("replace", _replace_check)
        self.filters["join"] = _checked_filter("join", _join_check)
        self.filters[_COUNTED] = _counted_filter
        self.filters[_SIZED] = _sized_filter

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and isinstance(times, int):
                    _check_size(len(seq) * max(times, 0))
        elif op == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                if abs(left).bit_length() * right > MAX_POWER_BITS:
                    raise LimitError(f"{left} ** {right} — слишком большое число")
        elif op == "%":
            _check_format(left)
        return _sized_result(super().call_binop(context, op, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in ("ljust", "rjust", "center", "zfill"):
                _check_size(_width_arg(args, kwargs, ("width",)))
            elif name == "expandtabs":
                _check_size(len(owner) + _width_arg(args, kwargs, ("tabsize",)) * owner.count("\t"))
            elif name == "replace":
                _check_replace(owner, *args[:3])
            elif name == "format":
                _check_format(owner)
            elif name == "join" and args and hasattr(args[0], "__len__"):
                _check_size(len(owner) * len(args[0]))
        return super().call(__context, __obj, *args, **kwargs)

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        # Jinja's own compile step (pinned jinja2 3.1): the tree is changed before the code is made.
        for loop in list(source.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
        for parent in list(source.find_all(nodes.Node)):
            for field in parent.fields:
                child = getattr(parent, field, None)
                if isinstance(child, nodes.Concat):
                    setattr(
                        parent, field, nodes.Filter(child, _SIZED, [], [], None, None, lineno=child.lineno)
                    )
                elif isinstance(child, list):
                    for i, item in enumerate(child):
                        if isinstance(item, nodes.Concat):
                            child[i] = nodes.Filter(item, _SIZED, [], [], None, None, lineno=item.lineno)
        return super()._generate(source, *args, **kwargs)


def bounded_render(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """``template.render(context)`` within the bounds: output size and time checked as it is made."""
    budget = _Budget(time.monotonic() + MAX_SECONDS)
    token = _budget.set(budget)
    try:
        chunks = []
        for chunk in template.generate(context):
            budget.output -= len(chunk)
            if budget.output < 0:
                raise LimitError(f"форма даёт больше {MAX_OUTPUT:,} символов".replace(",", " "))
            if time.monotonic() > budget.deadline:
                raise LimitError(f"заполнение длится дольше {MAX_SECONDS:.0f} с")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _budget.reset(token)
