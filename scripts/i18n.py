"""Update ``resources/i18n/zh_CN.ts`` from the sources and compile it to ``.qm``.

    python -m scripts.i18n           # lupdate + lrelease
    python -m scripts.i18n --check   # fail when the .ts is stale, incomplete or the .qm old
    python -m scripts.i18n --fill F  # lupdate, then set the Chinese from F, then lrelease

F is JSON ``{"Context": {"English source": "中文"}}``; filling takes a lock so that several
people (or helpers) adding translations at once do not overwrite each other.

Source strings are English; ``zh_CN.ts`` holds the Chinese. Edit the .ts with Qt
Linguist (or by hand), then run this again to compile.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "zh_CN.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[str]:
    files = sorted((ROOT / "jiazheng_desk" / "views").rglob("*.py"))
    files.append(ROOT / "jiazheng_desk" / "tasks.py")
    return [str(f) for f in files]


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None when unfinished or empty."""
    tree = ET.parse(ts)
    out: dict[tuple[str, str], str | None] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            text = tr.text if tr is not None else None
            unfinished = tr is not None and tr.get("type") in ("unfinished", "vanished", "obsolete")
            out[(name, source)] = None if (unfinished or not text) else text
    return out


def check() -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        shutil.copy(TS, fresh)
        lupdate(fresh)
        current = messages(TS)
        updated = messages(fresh)
        missing = sorted(set(updated) - set(current))
        problems += [f"not in zh_CN.ts yet: {c}: {s!r}" for c, s in missing]
        problems += [f"untranslated: {c}: {s!r}" for (c, s), tr in updated.items() if tr is None]
        qm = Path(tmp) / "fresh.qm"
        lrelease(TS, qm)
        if not QM.exists() or QM.read_bytes() != qm.read_bytes():
            problems.append("zh_CN.qm is older than zh_CN.ts: run python -m scripts.i18n")
    return problems


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    with open(Path(tempfile.gettempdir()) / "jiazheng-i18n.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fill(ts: Path, wanted: dict[str, dict[str, str]]) -> list[str]:
    """Set translations from ``wanted``; returns the (context, source) pairs not found."""
    tree = ET.parse(ts)
    seen: set[tuple[str, str]] = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        texts = wanted.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source not in texts:
                continue
            seen.add((name, source))
            tr = message.find("translation")
            if tr is None:
                tr = ET.SubElement(message, "translation")
            tr.text = texts[source]
            tr.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return [f"{c}: {s!r}" for c, t in wanted.items() for s in t if (c, s) not in seen]


def main(argv: list[str]) -> int:
    if "--fill" in argv:
        wanted = json.loads(Path(argv[argv.index("--fill") + 1]).read_text(encoding="utf-8"))
        with _locked():
            lupdate(TS)
            missing = fill(TS, wanted)
            lupdate(TS)
            lrelease(TS, QM)
        for line in missing:
            print(f"no such message in the sources: {line}")
        left = [k for k, v in messages(TS).items() if v is None]
        print(f"{TS.name}: {len(left)} untranslated")
        return 1 if missing else 0
    if "--check" in argv:
        problems = check()
        for line in problems:
            print(line)
        return 1 if problems else 0
    with _locked():
        lupdate(TS)
        lrelease(TS, QM)
    done = messages(TS)
    left = [k for k, v in done.items() if v is None]
    print(f"{TS.name}: {len(done)} messages, {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
