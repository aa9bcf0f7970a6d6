"""Only the package list lives here; everything else is in pyproject.toml.

``desktop._resources`` is the repository's resources/ folder (mapped in pyproject.toml's
package-dir), which automatic discovery cannot see because no such folder exists under
desktop/. Its data folders are listed as (namespace) packages too, as setuptools asks for
data kept in folders with importable names.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = ["desktop._resources",
             *(f"desktop._resources.{name}" for name in find_namespace_packages("resources", exclude=["*__pycache__*"]))]

setup(packages=[*find_packages(include=["desktop", "desktop.*"]), *RESOURCES])
