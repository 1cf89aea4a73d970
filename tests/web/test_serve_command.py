"""``sourcetrace serve``: loopback by default; any other address only with --allow-remote."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import sourcetrace.web
from sourcetrace.cli import app
from sourcetrace.web import is_loopback

runner = CliRunner()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_non_loopback_host_without_allow_remote_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --host 0.0.0.0 is not a loopback address;")
    assert not (tmp_path / "x.db").exists()


def test_allow_remote_warns_and_serves(tmp_path, monkeypatch):
    served = []
    # Record the call instead of starting a server that would block the test.
    monkeypatch.setattr(sourcetrace.web, "serve", lambda *args: served.append(args))
    db = str(tmp_path / "x.db")
    result = runner.invoke(
        app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123", "--allow-remote"]
    )
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: serving on 0.0.0.0:")
    assert served == [(db, "0.0.0.0", 8123)]


def test_port_out_of_range_is_a_usage_error():
    assert runner.invoke(app, ["serve", "--port", "70000"]).exit_code == 2
