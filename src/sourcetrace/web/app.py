"""The web app: ``create_app(db)`` for tests and scripts, ``serve(db, host, port)`` for the CLI.

Pages are rendered on the server (reading needs no JavaScript); every page has a JSON twin and
the OpenAPI description is at ``/openapi.json``.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.trace.service import NotReady
from sourcetrace.version import __version__
from sourcetrace.web.ingest_pages import router as ingest_router
from sourcetrace.web.pages import router as pages_router
from sourcetrace.web.security import (
    AllowedHosts,
    HeadAsGet,
    SameOriginWrites,
    SecurityHeaders,
    shown_host,
)
from sourcetrace.web.site import Site, respond, running_jobs

MAX_UPLOAD_BYTES = 20_000_000
WEB = Path(__file__).resolve().parent
REPORT_STATIC = WEB.parent / "report" / "static"


def create_app(
    db_path: str | Path,
    upload_dir: str | Path | None = None,
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    port: int | None = None,
    allowed_hosts: Iterable[str] = (),
    settings: AnalysisSettings | None = None,
) -> FastAPI:
    """The app over the SQLite database at ``db_path``. Uploads are saved only under
    ``upload_dir`` (default: ``<db>.uploads`` beside the database) and requests over
    ``max_upload_bytes`` are refused with 413.

    It answers only requests whose ``Host`` is a loopback name (``localhost``,
    ``127.0.0.1``, ``[::1]``; on ``port`` only, when given) or one of ``allowed_hosts``
    (``name`` on any port, or ``name:port``); 400 for any other. A request that writes must
    come from the app's own pages (403 otherwise) and carry the form's token, which is new
    for every app. ``settings`` (default: resolved from the configuration now) are what its
    ingest jobs analyse with and its pages read."""
    db = Path(db_path)
    uploads = Path(upload_dir) if upload_dir else db.with_name(db.name + ".uploads")
    site = Site(
        db=db,
        uploads=uploads,
        max_upload_bytes=max_upload_bytes,
        csrf_token=secrets.token_urlsafe(32),
        settings=settings or AnalysisSettings.from_config(),
    )
    app = FastAPI(
        title="sourcetrace",
        version=__version__,
        description=(
            "Who stands behind each claim in the news. Every page has a JSON twin: the same "
            "path with .json, or the page itself with Accept: application/json."
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.site = site
    # The last added runs first: headers on every answer, then the host, then the origin.
    app.add_middleware(HeadAsGet)
    app.add_middleware(SameOriginWrites)
    app.add_middleware(AllowedHosts, port=port, names=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.include_router(pages_router)
    app.include_router(ingest_router)
    app.mount("/static/report", StaticFiles(directory=REPORT_STATIC, check_dir=False), "report")
    app.mount("/static", StaticFiles(directory=WEB / "static"), "static")

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/stories", status_code=303)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        data = {"detail": exc.detail}
        return respond(request, "error.html", data, status=exc.status_code)

    @app.exception_handler(NotReady)
    def not_ready(request: Request, exc: NotReady) -> Response:
        jobs = running_jobs(request)
        data = {"detail": str(exc), "pending": True, "jobs": jobs}
        # 503 while an ingest job may bring it: come back shortly; 409 until someone runs it.
        return respond(request, "pending.html", data, status=503 if jobs else 409)

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()]
        data = {"detail": "; ".join(problems)}
        return respond(request, "error.html", data, status=422)

    return app


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (``localhost``, 127.x, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    allowed_hosts: Iterable[str] = (),
    settings: AnalysisSettings | None = None,
) -> None:
    """Run the app with uvicorn until interrupted. It answers the loopback names on ``port``,
    ``host`` itself unless it is a wildcard address (``0.0.0.0``, ``::``), and
    ``allowed_hosts``."""
    import uvicorn

    names = list(allowed_hosts)
    if not _is_wildcard(host):
        names.append(shown_host(host, port))
    app = create_app(db_path, port=port, allowed_hosts=names, settings=settings)
    uvicorn.run(app, host=host, port=port, ws="none", server_header=False)


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False
