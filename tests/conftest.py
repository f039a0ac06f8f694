"""Shared fixtures."""

import importlib.util
import shlex
import shutil
import subprocess
import sysconfig
from contextlib import contextmanager
from pathlib import Path

import pytest

import cleanfeed


@pytest.fixture(scope="session")
def c_extension(tmp_path_factory):
    """A function giving the compiled module ``cleanfeed.<name>``: the one built by the
    install, or, where the tests import a source tree that has none, one compiled here from
    ``cleanfeed/<name>.c``, so the C code is tested wherever there is a compiler."""
    built = {}

    def get(name):
        if name in built:
            return built[name]
        try:
            module = importlib.import_module(f"cleanfeed.{name}")
        except ImportError:
            cc = sysconfig.get_config_var("CC")
            if not cc or shutil.which(shlex.split(cc)[0]) is None:
                pytest.skip(f"no C compiler here to build cleanfeed.{name}")
            path = tmp_path_factory.mktemp(name) / f"{name}{sysconfig.get_config_var('EXT_SUFFIX')}"
            source = Path(cleanfeed.__file__).with_name(f"{name}.c")
            subprocess.run([*shlex.split(cc), "-O2", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}", str(source),
                            "-o", str(path)], check=True, capture_output=True, timeout=120)
            spec = importlib.util.spec_from_file_location(f"cleanfeed.{name}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        built[name] = module
        return module

    return get


@pytest.fixture(scope="session")
def compiled_path(c_extension):
    """A context manager: ``with compiled_path(module, "_cname") as m:`` makes ``module``
    use the C extension ``_cname`` (``c_extension``) and set ``COMPILED``, and puts both
    back when the block ends, whatever the test did to ``COMPILED`` inside it (``m`` is
    ``module``).  Not a monkeypatch, so that hypothesis tests, which run many examples in
    one function-scoped fixture, use it too."""

    @contextmanager
    def use(module, name):
        saved = getattr(module, name), module.COMPILED
        setattr(module, name, c_extension(name))
        module.COMPILED = True
        try:
            yield module
        finally:
            setattr(module, name, saved[0])
            module.COMPILED = saved[1]

    return use
