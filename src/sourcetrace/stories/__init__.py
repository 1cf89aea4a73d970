"""Stories: group articles that report the same happening, one article at a time."""

from sourcetrace.stories.service import (
    StorySummary,
    UpdateSummary,
    recluster,
    story_assignments,
    story_summaries,
    update_stories,
)

__all__ = [
    "StorySummary",
    "UpdateSummary",
    "recluster",
    "story_assignments",
    "story_summaries",
    "update_stories",
]
