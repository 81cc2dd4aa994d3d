"""Exporters: each writes one format of a build to a binary stream."""
