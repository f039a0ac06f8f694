"""A plain, non-editable install carries the shipped model."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree")
def test_wheel_contains_model_and_card(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("cleanfeed-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cleanfeed/models/cleanfeed-model.pkl.gz" in names
    assert "cleanfeed/models/model-card.json" in names
    assert not any(n.startswith(("seeds/", "tests/", "benchmarks/")) for n in names)
