"""Translation catalogues: extract, update, compile and check.

Each language keeps its translations in several parts, one per feature
(``resources/translations/<lang>/<part>.po``), so work on two features never edits the
same file; ``compile`` merges the parts into the one catalogue the app loads
(``<lang>/LC_MESSAGES/breakwater.mo``, committed so the app needs no Babel).

    python tools/i18n.py extract              # source → resources/translations/breakwater.pot
    python tools/i18n.py update [--part P]    # new strings go (untranslated) into part P
                                              # (default "core"); gone strings are dropped
    python tools/i18n.py compile              # parts → .mo
    python tools/i18n.py check                # CI: all translated, placeholders kept, .mo fresh
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
POT = TRANSLATIONS / "breakwater.pot"
LANGUAGES = ("es", "zh_CN")
DEFAULT_PART = "core"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def extract() -> Catalog:
    catalog = Catalog(project="Breakwater", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "desktop", method_map=[("**.py", "python")], keywords=KEYWORDS,
    ):
        catalog.add(message, None, [(f"desktop/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def part_paths(lang: str) -> list[Path]:
    return sorted((TRANSLATIONS / lang).glob("*.po"))


def mo_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "breakwater.mo"


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _read(path: Path, lang: str) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang)


def _new_part(lang: str) -> Catalog:
    # Babel derives the plural rule (es: 2 forms, zh_CN: 1) from the locale.
    return Catalog(locale=lang, project="Breakwater", charset="utf-8")


def _write(path: Path, catalog: Catalog) -> None:
    # No source locations: they change whenever code moves and would make every
    # feature's work collide in these files. The .pot keeps them for translators.
    with open(path, "wb") as handle:
        write_po(handle, catalog, sort_output=True, width=100, ignore_obsolete=True,
                 no_location=True)


def load(lang: str) -> Catalog:
    """Every part of ``lang`` merged into one catalogue (with the core part's header, so
    the compiled catalogue does not depend on when it was compiled)."""
    core = TRANSLATIONS / lang / f"{DEFAULT_PART}.po"
    merged = _read(core, lang)
    for path in part_paths(lang):
        if path == core:
            continue
        for message in _read(path, lang):
            if message.id:
                merged[message.id] = message
    return merged


def cmd_extract() -> None:
    POT.parent.mkdir(parents=True, exist_ok=True)
    with open(POT, "wb") as handle:
        write_po(handle, extract(), omit_header=False, sort_output=True, width=100)


def _subset(template: Catalog, keys: set[object]) -> Catalog:
    sub = Catalog(project="Breakwater", charset="utf-8")
    for message in template:
        if message.id and _key(message) in keys:
            sub[message.id] = Message(message.id, "", flags=message.flags,
                                      auto_comments=message.auto_comments,
                                      context=message.context)
    return sub


def _key(message: Message) -> object:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def cmd_update(part: str) -> None:
    template = extract()
    wanted = {_key(m) for m in template if m.id}
    for lang in LANGUAGES:
        folder = TRANSLATIONS / lang
        folder.mkdir(parents=True, exist_ok=True)
        paths = sorted(part_paths(lang), key=lambda p: (p.stem != DEFAULT_PART, p.stem))
        parts = {path.stem: _read(path, lang) for path in paths}
        parts.setdefault(part, _new_part(lang))
        # Two features may bring the same string ("&Cancel"): the first part keeps it
        # (core first), so each string has one home and one translation.
        homes: dict[object, str] = {}
        for name, catalog in parts.items():
            for message in list(catalog):
                if not message.id:
                    continue
                if _key(message) in homes:
                    del catalog[message.id]
                else:
                    homes[_key(message)] = name
        owned = {_key(m) for catalog in parts.values() for m in catalog if m.id}
        for name, catalog in parts.items():
            keys = {_key(m) for m in catalog if m.id} & wanted
            if name == part:
                keys |= wanted - owned
            created = catalog.creation_date
            catalog.update(_subset(template, keys), update_header_comment=False,
                           no_fuzzy_matching=True)
            # Keep the header as it was: a date that changes on every run would make each
            # feature's work collide in every part (and in the compiled catalogue).
            catalog.creation_date = created
            path = folder / f"{name}.po"
            if not len(catalog) and name != DEFAULT_PART:
                path.unlink(missing_ok=True)
                continue
            _write(path, catalog)


def cmd_compile() -> None:
    for lang in LANGUAGES:
        mo = mo_path(lang)
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(mo_bytes(load(lang)))


def problems() -> list[str]:
    found = []
    source = extract()
    for lang in LANGUAGES:
        catalog = load(lang)
        seen: dict[object, str] = {}
        for path in part_paths(lang):
            for message in _read(path, lang):
                if message.id and _key(message) in seen:
                    found.append(f"{lang}: {message.id!r} in both {seen[_key(message)]} "
                                 f"and {path.name}")
                elif message.id:
                    seen[_key(message)] = path.name
        for wanted in source:
            if not wanted.id:
                continue
            message = catalog.get(wanted.id)
            strings = (message.string if isinstance(message.string, (list, tuple))
                       else [message.string]) if message is not None else []
            if (message is None or not all(strings) or message.fuzzy
                    or isinstance(wanted.id, tuple) != isinstance(message.id, tuple)):
                found.append(f"{lang}: untranslated: {wanted.id!r}")
                continue
            originals = list(wanted.id) if isinstance(wanted.id, tuple) else [wanted.id]
            expected = sorted(set().union(*(PLACEHOLDER.findall(str(o)) for o in originals)))
            for translated in strings:
                # A plural form may leave out {n} ("一个" for one) but add nothing new.
                got = PLACEHOLDER.findall(str(translated))
                if not set(got) <= set(expected) or (
                        len(originals) == 1 and sorted(got) != expected):
                    found.append(f"{lang}: placeholders differ: {wanted.id!r}")
                    break
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{lang}: {mo.name} is stale; run tools/i18n.py compile")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "extract":
        cmd_extract()
    elif command == "update":
        part = DEFAULT_PART
        if len(argv) > 3 and argv[2] == "--part":
            part = argv[3]
        cmd_extract()
        cmd_update(part)
    elif command == "compile":
        cmd_compile()
    elif command == "check":
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print(f"{len(found)} translation problems", file=sys.stderr)
            return 1
        print("translations complete")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
