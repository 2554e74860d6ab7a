"""diplokg: news articles about international relations become a knowledge graph of coded events."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a checkout that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
