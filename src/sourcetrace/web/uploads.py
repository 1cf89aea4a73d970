"""Receive the ingest form by streaming it: each uploaded file is written straight into the
job's folder under a generated name (never the client's path), text fields are kept in memory,
and the request is cut off as soon as it passes the size limit. Nothing touches any other
folder: no temporary files elsewhere, as a spooling form parser would make."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from fastapi import Request
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

from sourcetrace.ingest.formats import EXTENSIONS


class UploadTooLarge(Exception):
    """The request body is over the limit."""


class BadUpload(Exception):
    """The request is not a multipart form this server can read."""


@dataclass(slots=True)
class SavedFile:
    #: The client's own file name, for display only.
    name: str
    path: Path


@dataclass(slots=True)
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[SavedFile] = field(default_factory=list)


def saved_name(index: int, client_name: str) -> str:
    """A generated name that keeps only a known article extension (it tells ingest the
    format): ``003.html``; unknown extensions are dropped and ingest sniffs the bytes."""
    base = client_name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    suffix = next(
        (ext for ext in sorted(EXTENSIONS, key=len, reverse=True) if base.endswith(ext)), ""
    )
    return f"{index:03d}{suffix}"


async def receive_upload(request: Request, folder: Path, limit: int) -> Upload:
    """Read a ``multipart/form-data`` request, saving its files under ``folder`` (created
    when the first file arrives). Raises :class:`UploadTooLarge` past ``limit`` bytes and
    :class:`BadUpload` for anything else; either way nothing is left in ``folder``."""
    content_type, params = parse_options_header(request.headers.get("content-type"))
    if content_type != b"multipart/form-data" or not params.get(b"boundary"):
        raise BadUpload("send the form as multipart/form-data")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise UploadTooLarge
    receiver = _Receiver(folder)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise UploadTooLarge
            parser.write(chunk)
        parser.finalize()
    except Exception as exc:
        receiver.discard()
        if isinstance(exc, UploadTooLarge | BadUpload):
            raise
        raise BadUpload(f"the form could not be read ({exc})") from exc
    return receiver.upload


class _Receiver:
    """The multipart parser's callbacks: one part at a time, files to disk, fields to memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.upload = Upload()
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[str, bytes] = {}
        self._field: str | None = None
        self._text = bytearray()
        self._file: BinaryIO | None = None

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._header_name.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._header_value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._headers.clear()
        self._field = None
        self._text.clear()

    def _header_end(self) -> None:
        self._headers[self._header_name.decode("latin-1").lower()] = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get("content-disposition"))
        if b"name" not in options:
            raise BadUpload("a form part has no name")
        client_name = options.get(b"filename")
        if client_name is None:
            self._field = options[b"name"].decode("utf-8", "replace")
        elif client_name:  # browsers send an empty file name for a file input left empty
            name = client_name.decode("utf-8", "replace")
            path = self.folder / saved_name(len(self.upload.files) + 1, name)
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = path.open("xb")
            self.upload.files.append(SavedFile(name=name, path=path))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif self._field is not None:
            self._text.extend(data[start:end])

    def _part_end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        elif self._field is not None:
            self.upload.fields[self._field] = self._text.decode("utf-8", "replace")

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
        shutil.rmtree(self.folder, ignore_errors=True)
