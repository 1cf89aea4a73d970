"""Settings: one table of name, default and help.

Defaults ship here; a user TOML file (``$XDG_CONFIG_HOME/sourcetrace/config.toml``
or ``SOURCETRACE_CONFIG``) overrides the keys it sets; ``SOURCETRACE_<NAME>``
environment variables override both; command-line flags override everything.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from sourcetrace.version import __version__


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


def _default_db() -> str:
    return str(Path(platformdirs.user_data_dir("sourcetrace")) / "sourcetrace.db")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "SQLite database file; default: the XDG data dir's sourcetrace.db"),
    Setting("max_bytes", 20_000_000, "largest file or download accepted, in bytes"),
    Setting(
        "timeout",
        20.0,
        "seconds one HTTP attempt may take, from connecting to the last byte of the answer",
    ),
    Setting("retries", 3, "attempts per URL for timeouts, connection errors, 429 and 5xx"),
    Setting("backoff", 0.5, "seconds before the first retry; doubles each retry"),
    Setting(
        "user_agent",
        f"sourcetrace/{__version__} (news provenance research; offline-first)",
        "User-Agent header sent with every request",
    ),
    Setting("batch_size", 200, "articles written per database transaction"),
    Setting(
        "allow_private_urls",
        False,
        "let web jobs and feed links fetch loopback, private, link-local and reserved addresses",
    ),
    Setting(
        "loaded_terms",
        None,
        "a file of extra loaded-language terms (term, tab, category per line) to flag",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def config_file() -> Path:
    explicit = os.environ.get("SOURCETRACE_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir("sourcetrace")) / "config.toml"


def load_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Resolve every setting: defaults < user file < environment < ``overrides``."""
    values = {s.name: s.default for s in SETTINGS}
    path = config_file()
    if path.is_file():
        with path.open("rb") as fh:
            user = tomllib.load(fh)
        unknown = sorted(set(user) - set(_BY_NAME))
        if unknown:
            raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}")
        values.update(user)
    for setting in SETTINGS:
        env = os.environ.get(f"SOURCETRACE_{setting.name.upper()}")
        if env is not None:
            values[setting.name] = _coerce(setting, env)
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    if not values["db"]:
        values["db"] = _default_db()
    return values


_BOOLEANS = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off", ""), False),
}


def _coerce(setting: Setting, raw: str) -> Any:
    kind = type(setting.default)
    if setting.default is None or kind is str:
        return raw
    if kind is bool:
        word = raw.strip().lower()
        if word in _BOOLEANS:
            return _BOOLEANS[word]
        raise ValueError(f"SOURCETRACE_{setting.name.upper()}={raw!r} is not 1 or 0")
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(
            f"SOURCETRACE_{setting.name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from None
