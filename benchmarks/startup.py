"""Time from process start to the login window shown, beside a bare PySide6 window.

    python -m benchmarks.startup [--quick]

Both are started the same way (a fresh Python process on the offscreen platform) and
report the moment their first window is shown; the figure is the median of several runs,
alternating the two. Goal (issue 2): desk ≤ 2 × bare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

class Window(QWidget):
    shown = False
    def showEvent(self, event):
        super().showEvent(event)
        if not Window.shown:
            Window.shown = True
            print("shown", flush=True)
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
w = Window()
w.resize(420, 240)
w.show()
app.exec()
"""


def _time_until(cmd: list[str], marker: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.strip() == marker:
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=60)
    if elapsed is None:
        raise RuntimeError(f"{cmd[:3]} never printed {marker!r} (exit {proc.returncode})")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 15

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIAZHENG_HOME=home)
        db = Path(home) / "bench.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "jiazheng_desk", "db", "upgrade", "--db", f"sqlite:///{db}"],
            env=env,
            check=True,
            capture_output=True,
        )
        desk_cmd = [
            sys.executable,
            "-m",
            "jiazheng_desk",
            "--startup-probe",
            "--db",
            f"sqlite:///{db}",
        ]
        bare_cmd = [sys.executable, "-c", BARE]
        # one untimed start each, so both read a warm disk cache
        _time_until(bare_cmd, "shown", env)
        _time_until(desk_cmd, "login-shown", env)
        bare, desk = [], []
        for _ in range(runs):
            bare.append(_time_until(bare_cmd, "shown", env))
            desk.append(_time_until(desk_cmd, "login-shown", env))

    bare_ms = statistics.median(bare) * 1000
    desk_ms = statistics.median(desk) * 1000
    ratio = desk_ms / bare_ms
    print(f"runs: {runs}")
    print(f"bare_window_ms_median: {bare_ms:.0f}")
    print(f"desk_login_ms_median: {desk_ms:.0f}")
    print(f"bare_window_ms_min: {min(bare) * 1000:.0f}")
    print(f"desk_login_ms_min: {min(desk) * 1000:.0f}")
    print(f"ratio: {ratio:.2f}")
    verdict = "met" if ratio <= 2 else "NOT MET"
    print(f"goal: desk start to login window vs bare PySide6 window {ratio:.2f} <= 2: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
