"""Stories: group articles that report the same happening, incrementally as they arrive."""
