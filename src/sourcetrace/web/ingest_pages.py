"""Ingest from the browser: a form to upload files or paste URLs, and a progress page per job.
Results show on the other pages as soon as the job ends, without restarting."""

from __future__ import annotations

import secrets
import shutil
import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from sourcetrace.ingest import IngestOptions
from sourcetrace.ingest.formats import EXTENSIONS
from sourcetrace.report.html import safe_url
from sourcetrace.web.site import HTML_OR_JSON, not_found, respond, site
from sourcetrace.web.uploads import BadUpload, UploadTooLarge, receive_upload

router = APIRouter()
FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Article files: " + " ".join(EXTENSIONS),
                        },
                        "urls": {"type": "string", "description": "http(s) URLs, one a line."},
                        "outlet": {
                            "type": "string",
                            "description": "Outlet for articles whose page and URL name none.",
                        },
                        "csrf_token": {
                            "type": "string",
                            "description": "The token of the form at /ingest (csrf_token in"
                            " /ingest.json): new each time the server starts.",
                        },
                    },
                    "required": ["csrf_token"],
                }
            }
        },
    }
}


@router.get("/ingest", tags=["ingest"], summary="Ingest form", responses=HTML_OR_JSON)
@router.get("/ingest.json", tags=["ingest"], summary="Ingest form and recent jobs (JSON)")
def ingest_form(request: Request) -> Response:
    """The form: upload article files or paste URLs; lists this server's jobs, newest first.
    Its token (``csrf_token``) must be sent back with the form."""
    data = {
        "csrf_token": site(request).csrf_token,
        "max_upload_bytes": site(request).max_upload_bytes,
        "extensions": list(EXTENSIONS),
        "jobs": [job.to_dict() for job in site(request).jobs.all()],
    }
    return respond(request, "ingest.html", data)


@router.post(
    "/ingest",
    tags=["ingest"],
    summary="Start an ingest job",
    status_code=303,
    response_class=RedirectResponse,
    openapi_extra=FORM,
    responses={
        400: {"description": "Nothing to ingest, or not http(s)"},
        403: {"description": "Sent from another site, or without the form's token"},
        413: {},
    },
)
async def start_ingest(request: Request) -> Response:
    """Save the uploaded files (under generated names, in the upload folder only) and start a
    job ingesting them and the URLs; answers with a redirect to the job's page. A form
    without this server's token is refused and what it sent is deleted."""
    settings = site(request)
    folder = settings.uploads / uuid.uuid4().hex
    try:
        upload = await receive_upload(request, folder, settings.max_upload_bytes)
    except UploadTooLarge:
        raise HTTPException(
            413, f"the upload is larger than {settings.max_upload_bytes:,} bytes"
        ) from None
    except BadUpload as exc:
        raise HTTPException(400, str(exc)) from None
    token = upload.fields.get("csrf_token", "")
    if not secrets.compare_digest(token.encode(), settings.csrf_token.encode()):
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(
            403,
            "the form's security token is missing or out of date (the server may have"
            " restarted): reload /ingest and send the form again",
        )
    urls = upload.fields.get("urls", "").split()
    refused = [url for url in urls if safe_url(url) != url]
    if refused or not (urls or upload.files):
        shutil.rmtree(folder, ignore_errors=True)
        if refused:
            raise HTTPException(400, f"only http(s) URLs can be ingested: {', '.join(refused)}")
        raise HTTPException(400, "choose a file to upload or paste a URL")
    outlet = upload.fields.get("outlet", "").strip() or None
    job = settings.jobs.start(
        specs=[str(f.path) for f in upload.files] + urls,
        shown=[f.name for f in upload.files] + urls,
        options=IngestOptions.for_web_job(outlet=outlet),
        folder=folder if upload.files else None,
    )
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", tags=["ingest"], summary="An ingest job", responses=HTML_OR_JSON)
@router.get("/jobs/{job_id}.json", tags=["ingest"], summary="An ingest job (JSON)")
def job_page(request: Request, job_id: int) -> Response:
    """A job's progress (inputs read, articles added, problems); the page reloads itself
    every second while the job runs."""
    job = site(request).jobs.get(job_id)
    if job is None:
        raise not_found(f"job {job_id}")
    return respond(request, "job.html", job.to_dict())
