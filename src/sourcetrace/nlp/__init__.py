"""Per-article language analysis: sentences, entities, attributions and citation chains.

Everything here is a pure function of an article's text (and the analyser version), so the same
code runs in-process, in a process pool or on Ray. No spaCy object leaves this package: results
are plain, JSON-serialisable data objects.
"""
