"""The optional C extensions; everything else is in pyproject.toml.

One per stage of the chain it speeds up, each in cleanfeed/<name>.c: ``_csegment`` cuts
the text into blocks, ``_cmatch`` runs the rules' literal pre-checks, ``_ctext`` hashes
the text model's words, ``_cfeatures`` computes the per-block features and ``_ctrees``
walks the model's trees.  All are ``optional``: where no C
compiler is found, ``pip install .`` still succeeds, says that an extension could not be
built, and cleanfeed does that work with numpy, scikit-learn and Python instead (same
labels, slower), warning once when a model first scores.
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"cleanfeed.{name}", [f"cleanfeed/{name}.c"], optional=True, extra_compile_args=["-O3"])
    for name in ("_csegment", "_cmatch", "_ctext", "_cfeatures", "_ctrees")
])
