"""A plain, non-editable install carries the shipped model."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cleanfeed.modelarrays import ARRAYS_FILE
from cleanfeed.pagekind import PAGE_MODEL_FILE

ROOT = Path(__file__).parent.parent


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree")
def test_wheel_contains_model_and_card(tmp_path):
    names = _wheel(tmp_path)
    assert "cleanfeed/models/cleanfeed-model.pkl.gz" in names
    assert "cleanfeed/models/model-card.json" in names
    assert f"cleanfeed/models/{PAGE_MODEL_FILE}" in names  # the page-kind model, beside the block model
    assert f"cleanfeed/models/{ARRAYS_FILE}" in names  # the block model as plain arrays, what a compiled install loads
    assert not any(n.startswith(("seeds/", "tests/", "benchmarks/")) for n in names)


def _wheel(tmp_path, env=None):
    """A wheel built from a fresh copy of the source tree: pip builds in the tree it is given,
    and an earlier build's ``build/`` there would carry its extension into this one."""
    import os

    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", "build", ".cache", ".ci-venv", "*.so", "*.egg-info",
                                                           "__pycache__", ".hypothesis", ".pytest_cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("cleanfeed-*.whl")
    return zipfile.ZipFile(wheel).namelist()


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree")
@pytest.mark.skipif(shutil.which("cc") is None and shutil.which("gcc") is None, reason="no C compiler here")
def test_a_machine_with_a_c_compiler_gets_the_compiled_extensions(tmp_path):
    names = _wheel(tmp_path)
    for extension in ("_csegment", "_cmatch", "_ctext", "_cfeatures", "_ctrees"):
        assert any(n.startswith(f"cleanfeed/{extension}") and n.endswith((".so", ".pyd")) for n in names), names


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree")
def test_without_a_c_compiler_the_install_still_succeeds_without_the_extension(tmp_path):
    """setup.py marks the extension optional: a failed compile is a warning, and cleanfeed
    then walks the trees with numpy (tests/test_trees.py checks the labels are the same)."""
    names = _wheel(tmp_path, env={"CC": "/bin/false", "LDSHARED": "/bin/false"})
    assert not any(n.startswith(tuple(f"cleanfeed/{e}" for e in ("_csegment", "_cmatch", "_ctext", "_cfeatures", "_ctrees")))
                   for n in names)
    assert "cleanfeed/models/cleanfeed-model.pkl.gz" in names
