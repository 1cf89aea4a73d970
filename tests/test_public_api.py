"""``import sourcetrace`` gives the public API of the README's "Python API" section, each name
imported on first use, so that importing the package loads no language model."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sourcetrace

#: The code under test, for the child processes.
SOURCE_ROOT = str(Path(sourcetrace.__file__).resolve().parents[1])

#: Print which of these modules are loaded after ``import sourcetrace`` (argv[1] "bare") or
#: after also asking for every public name (argv[1] "resolved").
PROBE = """
import json, sys
import sourcetrace
if sys.argv[1] == "resolved":
    for name in sourcetrace.__all__:
        getattr(sourcetrace, name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2:]
                        or m in sys.argv[2:])))
"""

MODELS = ["spacy", "thinc", "onnxruntime", "sklearn"]


def _loaded_after(step: str, watched: list[str]) -> list[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([SOURCE_ROOT, os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, step, *watched],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("process", "sourcetrace.pipeline"),
        ("AnalysisSettings", "sourcetrace.nlp.settings"),
        ("open_store", "sourcetrace.store"),
        ("build_dossier", "sourcetrace.report.dossier"),
        ("make_engine", "sourcetrace.engine"),
        ("Article", "sourcetrace.article"),
    ],
)
def test_a_public_name_is_the_object_its_module_defines(name, home):
    assert getattr(sourcetrace, name) is getattr(sys.modules[home], name)


def test_every_name_in_all_resolves():
    missing = [name for name in sourcetrace.__all__ if getattr(sourcetrace, name, None) is None]
    assert missing == []
    assert set(sourcetrace.__all__) <= set(dir(sourcetrace))


def test_no_public_name_is_also_a_module_of_the_package():
    modules = {m.name for m in pkgutil.iter_modules(sourcetrace.__path__)}
    assert modules & set(sourcetrace.__all__) == set()


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'analyse'"):
        sourcetrace.analyse  # noqa: B018


def test_import_sourcetrace_imports_only_the_package_and_its_version():
    ours = _loaded_after("bare", ["sourcetrace", *MODELS])
    assert ours == ["sourcetrace", "sourcetrace.version"]


def test_the_public_names_load_no_language_model():
    assert _loaded_after("resolved", MODELS) == []
