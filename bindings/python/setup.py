"""The wheel carries a native library (libsdsprofile.so.0), so it is tagged for this platform
(py3-none-PLATFORM: ctypes needs no particular Python ABI). Everything else is in pyproject.toml."""
from setuptools import setup
from setuptools.dist import Distribution
from wheel.bdist_wheel import bdist_wheel


class BinaryDistribution(Distribution):
    """Files go to the wheel's root (platlib), as for a package with a native part."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """bdist_wheel for a pure-Python package that ships a shared library."""

    def get_tag(self):
        return "py3", "none", super().get_tag()[2]


setup(distclass=BinaryDistribution, cmdclass={"bdist_wheel": PlatformWheel})
