"""The stop words are scikit-learn's list, read without importing scikit-learn."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

from sourcetrace.stopwords import ENGLISH_STOP_WORDS


def test_the_list_is_scikit_learns():
    assert ENGLISH_STOP_WORDS == SKLEARN and "the" in ENGLISH_STOP_WORDS


def test_reading_it_imports_no_scikit_learn():
    probe = "import sys, sourcetrace.stopwords; print('sklearn' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
