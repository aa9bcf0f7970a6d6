"""The one place that finds files under ``resources/`` (icons, sound, desktop entry,
compiled translations), wherever Breakwater runs from:

- a PyInstaller bundle: the folder the spec collects them into, ``<bundle>/resources``;
- an installed wheel, sdist or editable install: the package ``desktop._resources``
  (pyproject.toml maps the repository's resources/ folder onto it), located by the import
  system (``importlib.util.find_spec``) without being imported;
- a bare source checkout run with ``PYTHONPATH=.`` and nothing installed: the folder
  beside ``desktop/``.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "desktop._resources"


@cache
def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    # Not importlib.resources.files(): importing importlib.resources and its readers
    # brings tempfile, random, shutil, zipfile, bz2 and lzma into the idle tray app
    # (~1.5 MB resident) for nothing: an installed package is a plain folder (never
    # zipped), whose path Qt, gettext and a sound player need anyway.
    spec = find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return Path(__file__).resolve().parent.parent / "resources"
    return Path(spec.origin).parent


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
