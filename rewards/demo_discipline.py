"""Demo data of issue #9 (discipline)."""
