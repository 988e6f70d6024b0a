"""Permission-table rows of issue #9 (assessments).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.
"""

from __future__ import annotations

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401

OBJECTS: dict = {}
TABLE: dict = {}
