"""Benchmarks of sinokaz processing, with their targets (issue 6). Run: ``make bench`` or ``python -m bench``."""
