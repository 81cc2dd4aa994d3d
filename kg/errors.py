"""Errors a user can fix. The CLI turns them into `Error: ...` and exit code 1."""


class KgError(Exception):
    """A problem with the user's input or setup; the message says what, where and how to fix."""


class InputError(KgError):
    """An essay, lexicon or configuration file that cannot be used."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed or run (exit code 2)."""
