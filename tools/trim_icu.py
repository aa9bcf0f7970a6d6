"""A smaller ICU data library for the bundle: only what Qt asks ICU for, in our languages.

Qt's ICU data library (libicudataNN.so, 31 MB) holds every locale's names, currencies,
units, collation, calendars, transliterators, word-break dictionaries and 200 legacy
character converters. Qt calls ICU only for collation (QCollator), locale case mapping,
time-zone display names and legacy converters (symbols Qt6Core imports; the app itself
speaks UTF-8 only). This keeps the root data and English, Spanish and Chinese (the
languages Breakwater is translated into) for those uses, about 4 MB; any other locale
falls back to root, as ICU does for a locale it does not have.

Used by build.spec at build time; needs ``icupkg`` and ``genccode`` (Debian's
icu-devtools) and a C compiler. Without them the library stays whole.

    python tools/trim_icu.py LIBICUDATA OUT_DIR      # writes OUT_DIR/<same name>
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

KEEP_LANGUAGES = ("en", "es", "zh")
# Trees Qt never reads through ICU: display names of languages, regions, currencies and
# units, spelled-out numbers, transliteration, and break-iterator rules and dictionaries
# (Qt finds word and line breaks with its own tables).
DROP_TREES = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit")
# A locale bundle (en, es_419, zh_Hans_CN); supplemental data has other names
# (supplementalData, metaZones, zoneinfo64, plurals...).
LOCALE = re.compile(r"^(?P<language>[a-z]{2,3})(_\w*)?\.res$")
TOOLS = ("icupkg", "genccode", "cc", "nm", "readelf")


def dropped(items: Iterable[str], keep: Iterable[str] = KEEP_LANGUAGES) -> list[str]:
    """The items of an ICU data package (``icupkg -l``) the bundle does without."""
    languages = set(keep)
    out = []
    for item in items:
        tree, _slash, name = item.rpartition("/")
        if tree in DROP_TREES or name.endswith(".cnv"):
            out.append(item)
            continue
        match = LOCALE.match(name)
        if match and name != "res_index.res" and match["language"] not in languages:
            out.append(item)
    return out


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The exported data array (``icudtNN_dat``): its name, file offset and size."""
    symbols = subprocess.run(["nm", "-D", "--defined-only", "-S", str(library)],
                             check=True, capture_output=True, text=True).stdout
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            address, size, name = int(parts[0], 16), int(parts[1], 16), parts[3]
            break
    else:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    sections = subprocess.run(["readelf", "-SW", str(library)], check=True,
                              capture_output=True, text=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] in (".rodata", ".data.rel.ro", ".data"):
            start, offset, length = int(fields[3], 16), int(fields[4], 16), int(fields[5], 16)
            if start <= address < start + length:
                return name, address - start + offset, size
    raise ValueError(f"{library}: {name} lies in no known section")


def trim(library: Path, out_dir: Path) -> Path:
    """Write a trimmed copy of ``library`` (same file name and soname) into ``out_dir``."""
    name, offset, size = _data_symbol(library)
    package = name.removesuffix("_dat") + "l"  # icudt73l: the package's item prefix
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        whole, small = work / "whole" / f"{package}.dat", work / "small" / f"{package}.dat"
        whole.parent.mkdir()
        small.parent.mkdir()
        with open(library, "rb") as handle:
            handle.seek(offset)
            whole.write_bytes(handle.read(size))
        items = subprocess.run(["icupkg", "-l", str(whole)], check=True,
                               capture_output=True, text=True).stdout.split()
        drop = work / "drop.txt"
        drop.write_text("\n".join(dropped(items)) + "\n")
        subprocess.run(["icupkg", "-r", str(drop), str(whole), str(small)], check=True,
                       capture_output=True)
        subprocess.run(["genccode", "-a", "gcc", "-e", name.removesuffix("_dat"),
                        "-d", str(work), str(small)], check=True, capture_output=True)
        [assembly] = work.glob("*.S")
        # genccode hides the symbol (for static linking); the library must export it.
        text = assembly.read_text().replace(f"\t.hidden {name}\n", "")
        assembly.write_text(text)
        out_dir.mkdir(parents=True, exist_ok=True)
        out = out_dir / library.name
        soname = re.sub(r"(\.so\.\d+).*$", r"\1", library.name)
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}",
                        "-Wl,-z,noexecstack", "-o", str(out), str(assembly)],
                       check=True, capture_output=True)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    out = trim(Path(argv[0]), Path(argv[1]))
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB (was "
          f"{Path(argv[0]).stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
