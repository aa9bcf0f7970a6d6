"""The layers import only downwards: core → store → platform → service → ui → app.

Every module under desktop/ is parsed (nothing is imported or run), and every import in
it counts: at the top, inside a function (the lazy ones) or under TYPE_CHECKING. An upward
import, Qt below the ui, SQLite in the core or a clock read in the core fails here with
the module, the line and the rule it breaks."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"

QT = ("PySide6", "shiboken6", "pyqtgraph")
ABOVE_UI = ("desktop.app", "desktop.cli", "desktop.cli_remote", "desktop.cli_desktop",
            "desktop.commands", "desktop.launch", "desktop.__main__")
ABOVE_SERVICE = ("desktop.ui", *ABOVE_UI)
ABOVE_PLATFORM = ("desktop.service", *ABOVE_SERVICE)
ABOVE_STORE = ("desktop.platform", *ABOVE_PLATFORM)

# A module's layer is the longest prefix of its name listed here; each layer names the
# imports it must not make (a name and everything below it).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # Pure rules: nothing of the app's but the core itself, no Qt, no SQLite, no clock.
    "desktop.core": ("desktop.store", "desktop.platform", "desktop.service", "desktop.ui",
                     "desktop.i18n", "desktop.paths", "desktop.resources", "desktop.wording",
                     *ABOVE_UI, *QT, "sqlite3", "sqlite_utils", "time"),
    "desktop.store": (*ABOVE_STORE, *QT),
    "desktop.platform": ABOVE_PLATFORM,
    "desktop.service": (*ABOVE_SERVICE, *QT),
    "desktop.ui": ABOVE_UI,
    # Helpers every layer may use, so they use none of the layers above the core.
    "desktop.i18n": (*ABOVE_STORE, "desktop.store", *QT),
    "desktop.paths": (*ABOVE_STORE, "desktop.store", *QT),
    "desktop.resources": (*ABOVE_STORE, "desktop.store", *QT),
    "desktop.wording": (*ABOVE_STORE, "desktop.store", *QT),
}
# Reading the wall clock in the core: time arrives as an argument or an injected Clock.
CLOCK_READS = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
               ("date", "today")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """Every module ``module`` imports, with its line (relative imports resolved)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join([*package, *([node.module] if node.module else [])])
            yield base, node.lineno
            # `from desktop import ui` imports desktop.ui
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def clock_reads(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = (receiver.id if isinstance(receiver, ast.Name) else
                    receiver.attr if isinstance(receiver, ast.Attribute) else "")
            if (name, node.func.attr) in CLOCK_READS:
                yield f"{name}.{node.func.attr}()", node.lineno


def layer_of(module: str) -> str | None:
    found = [name for name in FORBIDDEN if module == name or module.startswith(name + ".")]
    return max(found, key=len) if found else None


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    layer = layer_of(module)
    if layer is None:
        return []
    tree = ast.parse(source, module)
    found = []
    for name, line in imports(tree, module, is_package):
        broken = [p for p in FORBIDDEN[layer] if under(name, p)]
        if broken:
            found.append(f"{module}:{line} imports {name} ({layer} must not import {broken[0]})")
    if layer == "desktop.core":
        found += [f"{module}:{line} reads the clock ({call})"
                  for call, line in clock_reads(tree)]
    return found


def test_every_module_imports_only_downwards() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 100  # the walk found the package, not an empty folder
    checked = {layer_of(module_name(p)) for p in modules}
    assert set(FORBIDDEN) <= checked  # every rule met at least one module
    found = [v for path in modules
             for v in violations(path.read_text(encoding="utf-8"), module_name(path),
                                 path.name == "__init__.py")]
    assert found == []


@pytest.mark.parametrize(("module", "source"), [
    ("desktop.core.load", "from desktop.store.repository import Store\n"),
    ("desktop.core.load", "def f():\n    import PySide6.QtCore\n"),
    ("desktop.core.load", "import sqlite3\n"),
    ("desktop.core.load", "import time\n"),
    ("desktop.core.load", "from datetime import datetime\nx = datetime.now()\n"),
    ("desktop.core.load", "import datetime as dt\nx = dt.date.today()\n"),
    ("desktop.store.calls", "from desktop.ui.popup import Popup\n"),
    ("desktop.store.calls", "from desktop import service\n"),
    ("desktop.platform.idle", "from desktop.service import Breakwater\n"),
    ("desktop.platform.idle", "from ..ui import windows\n"),
    ("desktop.service.journal", "from PySide6.QtCore import QObject\n"),
    ("desktop.service.journal", "from desktop.ui.windows import WindowContext\n"),
    ("desktop.ui.toast", "from desktop.app import run_app\n"),
    ("desktop.i18n", "from desktop.service import Breakwater\n"),
])
def test_an_upward_import_is_caught(module: str, source: str) -> None:
    assert len(violations(source, module)) >= 1


@pytest.mark.parametrize(("module", "source"), [
    ("desktop.core.load", "from desktop.core.model import Kind\nx = clock.now()\n"),
    ("desktop.store.calls", "from desktop.core.text import N_\nimport sqlite3\n"),
    ("desktop.platform.sleep", "from PySide6.QtDBus import QDBusConnection\n"),
    ("desktop.service.journal", "from desktop.store.journal import JournalStore\n"),
    ("desktop.ui.toast", "from desktop.service import Breakwater\nimport PySide6\n"),
    ("desktop.app", "from desktop.ui.controller import TrayController\n"),
])
def test_a_downward_import_is_allowed(module: str, source: str) -> None:
    assert violations(source, module) == []
