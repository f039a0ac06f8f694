"""The optional C extensions; everything else is in pyproject.toml.

``cleanfeed._ctrees`` walks the model's trees (cleanfeed/_ctrees.c), ``cleanfeed._ctext``
hashes the text model's words (cleanfeed/_ctext.c), ``cleanfeed._cfeatures`` computes
the per-block text features (cleanfeed/_cfeatures.c) and ``cleanfeed._cmatch`` runs the
rules' literal pre-checks (cleanfeed/_cmatch.c).  All are ``optional``: where no C
compiler is found, ``pip install .`` still succeeds, says that an extension could not be
built, and cleanfeed does that work with numpy, scikit-learn and Python instead (same
labels, slower), warning once when a model first scores.
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"cleanfeed.{name}", [f"cleanfeed/{name}.c"], optional=True, extra_compile_args=["-O3"])
    for name in ("_ctrees", "_ctext", "_cfeatures", "_cmatch")
])
