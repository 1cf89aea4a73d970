"""The version of sourcetrace, in a module that imports nothing, so that every module can read
it without importing the ``sourcetrace`` package and the public API it exposes."""

__all__ = ["__version__"]

__version__ = "0.1.0"
