"""What every route shares: the app's settings, its templates, and one way to answer a page
request with HTML or with its JSON twin."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.report.html import safe_url
from sourcetrace.store import Store, open_store
from sourcetrace.web.jobs import Jobs

#: OpenAPI: a page answers with HTML, or with its JSON twin for ``Accept: application/json``.
HTML_OR_JSON: dict[int | str, dict] = {200: {"content": {"text/html": {}, "application/json": {}}}}


def template_environment() -> Environment:
    """Jinja with autoescaping on for every template: all data shown is untrusted."""
    environment = Environment(
        loader=PackageLoader("sourcetrace.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["safe_url"] = safe_url
    return environment


@dataclass(slots=True)
class Site:
    """One app's state: its database, upload folder, limits, the token its form carries,
    the analysis settings, templates and ingest jobs."""

    db: Path
    uploads: Path
    max_upload_bytes: int
    #: Random for each app; a write must send it back, so only a page the app served can write.
    csrf_token: str
    #: Resolved once when the app is made: what its jobs analyse with and its pages read.
    settings: AnalysisSettings
    templates: Environment = field(default_factory=template_environment)
    #: Held by the ingest jobs while they process the store, so two jobs never assign the same
    #: article (each opens its own connection); pages only read.
    stories_lock: threading.Lock = field(default_factory=threading.Lock)
    jobs: Jobs = field(init=False)

    def __post_init__(self) -> None:
        self.jobs = Jobs(self.db, self.stories_lock, self.settings)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A connection for the calling thread (SQLite connections stay in their thread)."""
        with open_store(self.db) as store:
            yield store


def site(request: Request) -> Site:
    return request.app.state.site


#: What a page says of an article that is not analysed yet.
NOT_ANALYSED = "not analysed yet: run `sourcetrace analyze`, or wait for the ingest job to finish"


def running_jobs(request: Request) -> list[dict[str, Any]]:
    """The ingest jobs still running, with their progress, for a page that shows pending
    work."""
    return [job.to_dict() for job in site(request).jobs.all() if job.running]


def wants_json(request: Request) -> bool:
    """The JSON twin is asked for by a ``.json`` path or by ``Accept: application/json``."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def json_twin(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/stories"
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}.json{query}"


def jsonable(data: Any) -> Any:
    """``data`` with every record in it (anything with a ``to_json()``, such as a traced claim
    or a dossier) replaced by its JSON."""
    if isinstance(data, dict):
        return {key: jsonable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [jsonable(value) for value in data]
    to_json = getattr(data, "to_json", None)
    return to_json() if callable(to_json) else data


def respond(
    request: Request, template: str, data: Any, *, status: int = 200, **context: Any
) -> Response:
    """``data`` as JSON (``jsonable``) for the JSON twin, else ``template`` rendered with
    ``data`` and ``context``."""
    headers = {"Vary": "Accept"}
    if wants_json(request):
        return JSONResponse(jsonable(data), status_code=status, headers=headers)
    page = site(request).templates.get_template(template)
    html = page.render(data=data, json_href=json_twin(request), **context)
    return HTMLResponse(html, status_code=status, headers=headers)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what}")
