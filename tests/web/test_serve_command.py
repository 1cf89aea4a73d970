"""``sourcetrace serve``: loopback by default; any other address only with --allow-remote;
other host names only with --allowed-host."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import sourcetrace.web
from sourcetrace.cli import app
from sourcetrace.nlp.settings import AnalysisSettings
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


@pytest.fixture
def served(monkeypatch) -> list:
    """The calls to serve, recorded instead of starting a server that would block the test."""
    calls: list = []
    monkeypatch.setattr(sourcetrace.web, "serve", lambda *args, **kw: calls.append((args, kw)))
    return calls


def test_allow_remote_warns_and_serves(tmp_path, served):
    db = str(tmp_path / "x.db")
    result = runner.invoke(
        app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123", "--allow-remote"]
    )
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: serving on 0.0.0.0:")
    assert served == [
        ((db, "0.0.0.0", 8123), {"allowed_hosts": [], "settings": AnalysisSettings()})
    ]


def test_allowed_host_is_passed_to_the_app(tmp_path, served):
    db = str(tmp_path / "x.db")
    names = ["--allowed-host", "news.example.org", "--allowed-host", "[::1]:9000"]
    result = runner.invoke(app, ["serve", "--db", db, *names])
    assert result.exit_code == 0
    assert served == [
        ((db, "127.0.0.1", 8000), {"allowed_hosts": names[1::2], "settings": AnalysisSettings()})
    ]


@pytest.mark.parametrize("name", ["http://news.example.org", "news.example.org:99999", "a b"])
def test_an_allowed_host_that_is_no_host_name_is_a_usage_error(tmp_path, served, name):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--allowed-host", name])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --allowed-host {name!r} is not a host name; give NAME or NAME:PORT\n"
    )
    assert served == []


def test_port_out_of_range_is_a_usage_error():
    assert runner.invoke(app, ["serve", "--port", "70000"]).exit_code == 2
