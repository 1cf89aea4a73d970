"""sourcetrace: who really stands behind each claim in the news."""

__version__ = "0.1.0"
