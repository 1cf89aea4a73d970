"""The web app (``sourcetrace serve``): stories, dossiers, articles, sources and claims as
server-rendered pages with JSON twins, and ingest from the browser."""

from sourcetrace.web.app import create_app, is_loopback, serve

__all__ = ["create_app", "is_loopback", "serve"]
