"""Installed as ``desktop._resources`` (see pyproject.toml): the icons, sound, desktop
entry and compiled translations that travel with the code. Found at run time only through
``desktop.resources.resource_path``."""
