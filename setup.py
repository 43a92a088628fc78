"""The compiled scans of ``kg/_speedups.pyx`` (optional: without a C compiler the package installs and
runs on its pure-Python scans, which give the same results more slowly)."""
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize([Extension("kg._speedups", ["kg/_speedups.pyx"], optional=True)],
                            compiler_directives={"language_level": 3}))
