"""Ingestion: files, folders, HTML, JSON(L), WARC, feeds and URLs into stored articles."""

from sourcetrace.ingest.pipeline import IngestOptions, IngestResult, ingest, read_articles

__all__ = ["IngestOptions", "IngestResult", "ingest", "read_articles"]
