"""Showing analyses: terminal and HTML dossiers, exports."""
