"""Settings: every one documented; file < environment < flags."""

from __future__ import annotations

import pytest

from sourcetrace.config import SETTINGS, load_settings
from tests.conftest import ROOT


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in readme, f"README lacks the setting {setting.name}"
        assert f"`SOURCETRACE_{setting.name.upper()}`" in readme


def test_user_file_then_environment_then_flags(tmp_path, monkeypatch):
    conf = tmp_path / "config.toml"
    conf.write_text("timeout = 5.0\nretries = 7\n")
    monkeypatch.setenv("SOURCETRACE_CONFIG", str(conf))
    monkeypatch.setenv("SOURCETRACE_RETRIES", "9")
    values = load_settings({"batch_size": 3})
    assert (values["timeout"], values["retries"], values["batch_size"]) == (5.0, 9, 3)
    assert values["max_bytes"] == 20_000_000


def test_bad_values_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCETRACE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("SOURCETRACE_RETRIES", "many")
    with pytest.raises(ValueError, match="SOURCETRACE_RETRIES='many' is not a valid int"):
        load_settings()


def test_unknown_keys_in_the_user_file_are_refused(tmp_path, monkeypatch):
    conf = tmp_path / "config.toml"
    conf.write_text("timeot = 5\n")
    monkeypatch.setenv("SOURCETRACE_CONFIG", str(conf))
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings()
