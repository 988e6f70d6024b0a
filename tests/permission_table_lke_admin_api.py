"""Permission-table rows: LKE templates, predicate tables, follow-up and the Pemda's own results in the API (v1).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401

OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {}

# fmt: off
TABLE: dict[str, Row] = {}
# fmt: on
