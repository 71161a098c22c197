"""bench/api.py runs end to end (small: the 1M-event run is the benchmark's, not the suite's):
a real ``parley serve`` subprocess on loopback, concurrent clients, 0 errors, p95 printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_api_bench_serves_every_request_and_prints_p95(tmp_path):
    out = subprocess.run(
        [sys.executable, str(REPO / "bench" / "api.py"), "--events", "20000", "--requests", "300", "--clients", "10",
         "--db", str(tmp_path / "bench.duckdb")],
        capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "errors: 0" in out.stdout
    lines = {line.split()[0]: line.split() for line in out.stdout.splitlines() if line.split()}
    for kind in ("list", "filter", "timeline", "network", "health"):
        assert kind in lines and float(lines[kind][3]) > 0, out.stdout  # p95 column
