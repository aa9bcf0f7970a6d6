"""Translation catalogues: extract, update, compile and check.

    python tools/i18n.py extract   # source → resources/translations/breakwater.pot
    python tools/i18n.py update    # .pot → es, zh_CN .po (new strings appear untranslated)
    python tools/i18n.py compile   # .po → .mo (committed, so the app needs no Babel)
    python tools/i18n.py check     # CI: every string translated, placeholders kept, .mo fresh
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
POT = TRANSLATIONS / "breakwater.pot"
LANGUAGES = ("es", "zh_CN")
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


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "breakwater.po"


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def load(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as handle:
        return read_po(handle, locale=lang)


def cmd_extract() -> None:
    POT.parent.mkdir(parents=True, exist_ok=True)
    with open(POT, "wb") as handle:
        write_po(handle, extract(), omit_header=False, sort_output=True, width=100)


def cmd_update() -> None:
    template = extract()
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            catalog = load(lang)
            catalog.update(template, update_header_comment=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="Breakwater", charset="utf-8")
            catalog.update(template)
        with open(path, "wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, ignore_obsolete=True)


def cmd_compile() -> None:
    for lang in LANGUAGES:
        catalog = load(lang)
        (po_path(lang).with_suffix(".mo")).write_bytes(mo_bytes(catalog))


def problems() -> list[str]:
    found = []
    source = {m.id for m in extract() if m.id}
    for lang in LANGUAGES:
        catalog = load(lang)
        for msgid in sorted(source, key=str):
            message = catalog.get(msgid)
            if message is None or not message.string or message.fuzzy:
                found.append(f"{lang}: untranslated: {msgid!r}")
                continue
            pairs = zip(msgid, message.string, strict=False) if isinstance(msgid, tuple) else [
                (msgid, message.string)]
            for original, translated in pairs:
                if sorted(PLACEHOLDER.findall(str(original))) != sorted(
                        PLACEHOLDER.findall(str(translated))):
                    found.append(f"{lang}: placeholders differ: {original!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{lang}: {mo.name} is stale; run tools/i18n.py compile")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "extract":
        cmd_extract()
    elif command == "update":
        cmd_extract()
        cmd_update()
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
