"""Demo data of issue #9 (obligations)."""
