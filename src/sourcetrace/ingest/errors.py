"""The one exception ingestion raises for an item it cannot read."""


class ReadError(Exception):
    """An input item that cannot become an article; the message is the one-line reason."""
