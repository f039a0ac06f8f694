"""The optional C extensions; everything else is in pyproject.toml.

``cleanfeed._ctrees`` walks the model's trees (cleanfeed/_ctrees.c) and ``cleanfeed._ctext``
hashes the text model's words (cleanfeed/_ctext.c).  Both are ``optional``: where no C
compiler is found, ``pip install .`` still succeeds, says that an extension could not be
built, and cleanfeed does that work with numpy and scikit-learn instead (same labels,
slower), warning once when it is imported.
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"cleanfeed.{name}", [f"cleanfeed/{name}.c"], optional=True, extra_compile_args=["-O3"])
    for name in ("_ctrees", "_ctext")
])
