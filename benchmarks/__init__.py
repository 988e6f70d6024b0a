"""Repeatable performance scenarios and their seeded data generators (see ``benchmarks/README.md``)."""
