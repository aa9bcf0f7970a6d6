"""The one place that finds files under ``resources/`` (icons, sound, desktop entry,
compiled translations), wherever Breakwater runs from:

- a PyInstaller bundle: the folder the spec collects them into, ``<bundle>/resources``;
- an installed wheel, sdist or editable install: the package ``desktop._resources``
  (pyproject.toml maps the repository's resources/ folder onto it), via importlib.resources;
- a bare source checkout run with ``PYTHONPATH=.`` and nothing installed: the folder
  beside ``desktop/``.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

PACKAGE = "desktop._resources"


@cache
def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    try:
        found = resources.files(PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"
    # Installed from a wheel or editable, the package is a plain folder (never zipped),
    # so callers get real paths they can hand to Qt, gettext and a sound player.
    return Path(str(found))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
