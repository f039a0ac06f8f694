"""The optional C extension; everything else is in pyproject.toml.

``cleanfeed._ctrees`` walks the model's trees in C (cleanfeed/_ctrees.c).  It is
``optional``: where no C compiler is found, ``pip install .`` still succeeds, says that the
extension could not be built, and cleanfeed scores the trees with its numpy walk and
scikit-learn instead (same labels, slower).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("cleanfeed._ctrees", ["cleanfeed/_ctrees.c"], optional=True, extra_compile_args=["-O3"])])
