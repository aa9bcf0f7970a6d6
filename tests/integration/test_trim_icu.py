"""The bundle's trimmed ICU data (tools/trim_icu.py): what it leaves out, and that Qt
answers exactly as before in our three languages when it loads the trimmed library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import trim_icu

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"

QT_ASKS_ICU = r"""
import json
from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import QApplication
app = QApplication([])
words = ["zorro", "árbol", "Ñu", "nube", "Ärger", "中文", "阿", "波", "llama", "chico"]
moment = QDateTime.fromSecsSinceEpoch(1_790_000_000)
out = {}
for name in ("en_US", "en_GB", "es_ES", "es_MX", "zh_CN", "zh_TW", "tr_TR", "de_DE"):
    locale = QLocale(name)
    collator = QCollator(locale)
    zone = QTimeZone(b"America/Mexico_City")
    out[name] = [sorted(words, key=collator.sortKey),
                 locale.toUpper("istanbul ñandú straße"), locale.toLower("İSTANBUL ÑANDÚ"),
                 zone.displayName(moment, QTimeZone.NameType.LongName, locale)]
print(json.dumps(out, ensure_ascii=False))
"""


def test_only_other_languages_and_trees_qt_never_reads_are_left_out() -> None:
    items = ["root.res", "res_index.res", "pool.res", "supplementalData.res", "zoneinfo64.res",
             "metaZones.res", "en.res", "en_US_POSIX.res", "es_419.res", "zh_Hans_CN.res",
             "de.res", "fr_CA.res", "yue_Hant.res", "coll/zh.res", "coll/es__TRADITIONAL.res",
             "coll/de_.res", "coll/de.res", "coll/ucadata.icu", "zone/ja.res", "zone/es.res",
             "brkitr/cjdict.dict", "brkitr/root.res", "translit/root.res", "lang/en.res",
             "curr/es.res", "ibm-943_P15A-2003.cnv", "cnvalias.icu", "nfkc.nrm", "unames.icu"]
    assert set(trim_icu.dropped(items)) == {
        "de.res", "fr_CA.res", "yue_Hant.res", "coll/de_.res", "coll/de.res", "zone/ja.res",
        "brkitr/cjdict.dict", "brkitr/root.res", "translit/root.res", "lang/en.res",
        "curr/es.res", "ibm-943_P15A-2003.cnv"}


@pytest.mark.skipif(bool(trim_icu.missing_tools()), reason="needs icu-devtools and gcc")
def test_qt_answers_the_same_with_the_trimmed_library(tmp_path: Path) -> None:
    [whole] = QT_LIB.glob("libicudata.so.*")
    small = trim_icu.trim(whole, tmp_path)
    assert small.stat().st_size < whole.stat().st_size / 5

    def ask(library_dir: Path | None) -> dict[str, object]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if library_dir is not None:  # Qt's RUNPATH yields to LD_LIBRARY_PATH
            env["LD_LIBRARY_PATH"] = str(library_dir)
        done = subprocess.run([sys.executable, "-c", QT_ASKS_ICU], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    before, after = ask(None), ask(tmp_path)
    ours = ("en_US", "en_GB", "es_ES", "es_MX", "zh_CN", "zh_TW")
    assert {k: after[k] for k in ours} == {k: before[k] for k in ours}
    # Other languages: sorting and case the same; only a time zone's display name (which
    # Breakwater never shows) falls back to the root (English) name.
    for name in ("tr_TR", "de_DE"):
        assert after[name][:3] == before[name][:3]  # type: ignore[index]
        assert after[name][3] == "Central Standard Time"  # type: ignore[index]
    assert after["es_ES"][0].index("nube") < after["es_ES"][0].index("Ñu")  # ñ after n
    assert after["zh_CN"][0][:3] == ["阿", "波", "中文"]  # pinyin order: a, bo, zhong
    assert after["tr_TR"][1].startswith("İSTANBUL")  # Turkish dotted capital I
