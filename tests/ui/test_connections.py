"""No signal hands its own argument to a parameter that was never meant for it.

PySide6 passes a signal's arguments into as many positional parameters as the slot has, defaulted
ones included, and ``@Slot()`` does not stop it (6.11): ``close_button.clicked`` connected to
``close_month(self, only=None)`` called ``close_month(only=False)`` and «Закрыть месяц» failed with
«TypeError: 'bool' object is not iterable». This test reads every ``….connect(…)`` in
``desktop/ui`` and fails when a signal that carries arguments (``clicked(bool)``,
``triggered(bool)``, ``toggled(bool)``, ``currentIndexChanged(int)``…) is connected to a method,
function or lambda whose parameter with a default would receive one of them. Name such a
parameter with a leading underscore (``lambda _checked=False, row=row: …``) when it is there to
swallow the argument; otherwise connect ``lambda: self.method()``.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.common.resources import resource_path

UI = resource_path("desktop", "ui")

# How many arguments Qt's own signals carry (by name; the usual widget classes). A class of the
# program that declares ``name = Signal(...)`` overrides this for its instances.
QT_SIGNALS = {
    "activated": 1,
    "anchorClicked": 1,
    "checkStateChanged": 1,
    "clicked": 1,
    "currentChanged": 1,
    "currentIndexChanged": 1,
    "currentItemChanged": 2,
    "currentRowChanged": 1,
    "currentTextChanged": 1,
    "dateChanged": 1,
    "doubleClicked": 1,
    "finished": 1,
    "hovered": 1,
    "itemActivated": 1,
    "itemChanged": 1,
    "itemClicked": 1,
    "itemDoubleClicked": 1,
    "linkActivated": 1,
    "stateChanged": 1,
    "textChanged": 1,
    "textEdited": 1,
    "toggled": 1,
    "triggered": 1,
    "valueChanged": 1,
}
# Qt classes whose signal of a common name carries fewer arguments.
QT_CLASS_SIGNALS = {
    ("QPieSlice", "clicked"): 0,
    ("QPieSlice", "doubleClicked"): 0,
    ("QPieSlice", "pressed"): 0,
}


@dataclass
class Module:
    path: Path
    tree: ast.Module
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)


def _modules() -> list[Module]:
    modules = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = Module(path, tree)
        module.classes = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        modules.append(module)
    return modules


def _methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}


def _signals(cls: ast.ClassDef) -> dict[str, int]:
    found = {}
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "Signal"
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = len(node.value.args)
    return found


class Checker:
    def __init__(self) -> None:
        self.modules = _modules()
        self.classes = {name: cls for m in self.modules for name, cls in m.classes.items()}
        self.problems: list[str] = []

    # --- what a name refers to -------------------------------------------------------------
    def _class_chain(self, name: str) -> list[ast.ClassDef]:
        chain, todo = [], [name]
        while todo:
            cls = self.classes.get(todo.pop())
            if cls is not None and cls not in chain:
                chain.append(cls)
                todo.extend(b.id for b in cls.bases if isinstance(b, ast.Name))
        return chain

    def _method(self, class_name: str, name: str) -> ast.FunctionDef | None:
        for cls in self._class_chain(class_name):
            if name in _methods(cls):
                return _methods(cls)[name]
        return None

    @staticmethod
    def _called_class(value: ast.expr | None) -> str | None:
        if isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Name):
                return func.id
            if isinstance(func, ast.Attribute):
                return func.attr
        return None

    def _type_of(
        self, expr: ast.expr, cls: ast.ClassDef | None, function: ast.FunctionDef | None
    ) -> str | None:
        """The class of ``name`` or ``self.attr`` when it was made by calling the class."""
        if isinstance(expr, ast.Name) and expr.id == "self" and cls is not None:
            return cls.name
        scopes: list[ast.AST] = []
        if isinstance(expr, ast.Name) and function is not None:
            scopes = [function]
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
            scopes = list(self._class_chain(cls.name)) if cls is not None else []
        for scope in scopes:
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if ast.unparse(target) == ast.unparse(expr):
                            made = self._called_class(node.value)
                            if made is not None:
                                return made
        return None

    def _arity(
        self, sender: ast.expr, signal: str, cls: ast.ClassDef | None, function: ast.FunctionDef | None
    ) -> int:
        kind = self._type_of(sender, cls, function)
        if kind is not None:
            if (kind, signal) in QT_CLASS_SIGNALS:
                return QT_CLASS_SIGNALS[(kind, signal)]
            for declared in self._class_chain(kind):
                if signal in _signals(declared):
                    return _signals(declared)[signal]
        return QT_SIGNALS.get(signal, 0)

    def _callable(
        self, target: ast.expr, cls: ast.ClassDef | None, function: ast.FunctionDef | None, module: Module
    ) -> tuple[ast.arguments, bool] | None:
        """The parameters of what is connected, and whether the first one is ``self``."""
        if isinstance(target, ast.Lambda):
            return target.args, False
        if isinstance(target, ast.Attribute):
            kind = self._type_of(target.value, cls, function)
            method = self._method(kind, target.attr) if kind else None
            return (method.args, True) if method is not None else None
        if isinstance(target, ast.Name):
            scopes: list[ast.AST] = [function] if function is not None else []
            scopes.append(module.tree)
            for scope in scopes:
                for node in ast.walk(scope):
                    if isinstance(node, ast.FunctionDef) and node.name == target.id and node is not function:
                        return node.args, False
        return None

    # --- the check -----------------------------------------------------------------------
    def check(self) -> list[str]:
        for module in self.modules:
            self._visit(module, module.tree, None, None)
        return self.problems

    def _visit(
        self, module: Module, node: ast.AST, cls: ast.ClassDef | None, function: ast.FunctionDef | None
    ) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                self._visit(module, child, child, None)
            elif isinstance(child, ast.FunctionDef):
                self._visit(module, child, cls, function if function is not None else child)
            else:
                if isinstance(child, ast.Call):
                    self._connection(module, child, cls, function)
                self._visit(module, child, cls, function)

    def _connection(
        self, module: Module, call: ast.Call, cls: ast.ClassDef | None, function: ast.FunctionDef | None
    ) -> None:
        func = call.func
        # QPushButton(..., clicked=self.method) connects as well as .clicked.connect(self.method)
        for keyword in call.keywords:
            if keyword.arg in QT_SIGNALS:
                label = f"{ast.unparse(func)}({keyword.arg}=…)"
                self._check(module, call, label, QT_SIGNALS[keyword.arg], keyword.value, cls, function)
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "connect"
            and isinstance(func.value, ast.Attribute)
            and call.args
        ):
            return
        signal, sender = func.value.attr, func.value.value
        arity = self._arity(sender, signal, cls, function)
        self._check(module, call, ast.unparse(func.value), arity, call.args[0], cls, function)

    def _check(
        self,
        module: Module,
        call: ast.Call,
        label: str,
        arity: int,
        target: ast.expr,
        cls: ast.ClassDef | None,
        function: ast.FunctionDef | None,
    ) -> None:
        found = self._callable(target, cls, function, module)
        if arity == 0 or found is None:
            return
        arguments, bound = found
        positional = [*arguments.posonlyargs, *arguments.args][1 if bound else 0 :]
        first_default = len(positional) - len(arguments.defaults)
        for index, parameter in enumerate(positional[:arity]):
            if index >= first_default and not parameter.arg.startswith("_"):
                where = f"{module.path.relative_to(UI.parent.parent)}:{call.lineno}"
                self.problems.append(
                    f"{where}: {label} hands its argument {index + 1} to «{parameter.arg}» of {ast.unparse(target)}"
                )


def test_no_signal_argument_lands_in_a_defaulted_parameter() -> None:
    problems = Checker().check()
    assert problems == [], "\n".join(problems)


def test_the_check_finds_the_close_month_bug() -> None:
    """The checker on the code as it was: the connection that broke «Закрыть месяц» is named."""
    source = textwrap.dedent(
        """
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QPushButton, QWidget

        class Counter(QWidget):
            clicked = Signal()

        class ClosingTab(QWidget):
            def __init__(self):
                super().__init__()
                self.close_button = QPushButton("Close month", self)
                self.close_button.clicked.connect(self.close_month)
                self.retry_button = QPushButton("Retry", self)
                self.retry_button.clicked.connect(self.retry_failed)
                self.send_button = QPushButton("Send", self)
                self.send_button.clicked.connect(lambda: self.close_month())
                counter = Counter(self)
                counter.clicked.connect(lambda c=counter: print(c))
                self.preview_button = QPushButton("Preview", self, clicked=self.preview)
                for row in range(3):
                    button = QPushButton(str(row), self)
                    button.clicked.connect(lambda _checked=False, r=row: print(r))
                    button.toggled.connect(lambda r=row: print(r))

            def close_month(self, only=None):
                return only

            def preview(self, quiet=False):
                return quiet

            def retry_failed(self):
                return self.close_month(only=[1])
        """
    )
    checker = Checker()
    tree = ast.parse(source)
    module = Module(
        UI / "closing" / "tab.py", tree, {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    )
    checker.modules, checker.classes = [module], dict(module.classes)
    problems = checker.check()
    assert len(problems) == 3, problems
    assert "self.close_button.clicked hands its argument 1 to «only» of self.close_month" in problems[0]
    assert "QPushButton(clicked=…) hands its argument 1 to «quiet» of self.preview" in problems[1]
    assert "button.toggled hands its argument 1 to «r»" in problems[2]
