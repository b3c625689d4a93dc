"""argparse speaks Russian: its own texts («usage:», «options:», «show this help message and exit»,
its error messages) go through a small catalogue instead of English gettext.

argparse looks its texts up with the module-level ``_`` and ``ngettext`` (gettext) at the moment it
uses them, so ``install()`` replaces those two names; a text that is not in the catalogue (a newer
Python's) stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

RU: dict[str, str] = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "subcommands": "команды",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "argument %(argument_name)s: %(message)s": "параметр %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "not allowed with argument %s": "не может быть использован вместе с %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "expected one argument": "ожидается одно значение",
    "expected at most one argument": "ожидается не больше одного значения",
    "expected at least one argument": "ожидается хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр %(option)s: подходят %(matches)s"
    ),
    "unexpected option string: %s": "неожиданный параметр: %s",
    "invalid %(type)s value: %(value)r": "неверное значение %(value)r",  # the type's name is English
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "неверное значение %(value)r (возможны: %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "неизвестная команда %(parser_name)r (возможны: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "не удаётся открыть «%(filename)s»: %(error)s",
    "%r is not callable": "%r не является функцией",
}

PLURAL_RU: dict[str, tuple[str, str, str]] = {
    "expected %s argument": ("ожидается %s значение", "ожидается %s значения", "ожидается %s значений"),
}


def gettext_ru(message: str) -> str:
    return RU.get(message, message)


def ngettext_ru(singular: str, plural: str, n: int) -> str:
    forms = PLURAL_RU.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def install() -> None:
    """Make every argparse parser of this process speak Russian."""
    argparse._ = gettext_ru  # type: ignore[attr-defined]
    argparse.ngettext = ngettext_ru  # type: ignore[attr-defined]
