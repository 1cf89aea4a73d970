"""Trace each claim of a story across outlets: align its versions, count its independent
origins, date its first appearance and flag how it drifted."""

from sourcetrace.trace.service import trace_stories

__all__ = ["trace_stories"]
