"""Install the newsfuse Python package: `pip install bindings/python` (after `make`).

No compilation and no dependencies outside the Python standard library: the package loads
libnewsfuse.so with ctypes. The build directory of this source tree (or NEWSFUSE_BUILD_DIR) is
recorded in the installed package, so a venv finds the library without NEWSFUSE_LIB. There is
deliberately no pyproject.toml: without one, pip (23, Debian 12) builds with the setuptools and
wheel already installed (python3-setuptools, python3-wheel) instead of downloading them into an
isolated build environment, so the install works offline.
"""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildPy(build_py):
    """Also write newsfuse/_build_dir.py: where libnewsfuse.so was built."""

    def run(self):
        super().run()
        build = os.environ.get("NEWSFUSE_BUILD_DIR") or os.path.join(HERE, "..", "..", "build")
        build = os.path.abspath(build)
        if os.path.isdir(build):
            path = os.path.join(self.build_lib, "newsfuse", "_build_dir.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write('"""Written by setup.py: the build directory libnewsfuse came from."""\n')
                f.write("BUILD_DIR = %r\n" % build)


setup(
    name="newsfuse",
    version="0.1.0",
    description="Extractive summaries and story briefs of news clusters (libnewsfuse via ctypes)",
    long_description=open(os.path.join(HERE, "README.md"), encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    packages=["newsfuse"],
    package_data={"newsfuse": ["py.typed"]},
    python_requires=">=3.9",
    cmdclass={"build_py": BuildPy},
)
