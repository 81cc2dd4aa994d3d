"""kg: a personal knowledge graph from a folder of essays."""

__version__ = "0.1.0"
