"""What each user has to do now: task providers per capability, shown on the home page.

A provider is ``fn(user) -> list[Task]``; apps register theirs in ``AppConfig.ready`` via
:func:`register`. The home page shows the tasks of every provider, most urgent first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PROVIDERS: list[Callable] = []


@dataclass
class Task:
    title: str
    detail: str = ""
    url: str = ""
    action: str = ""
    level: str = "todo"  # "urgent" | "todo" | "ok"
    order: int = 50
    extra: dict = field(default_factory=dict)


def register(provider: Callable) -> Callable:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


LEVEL_ORDER = {"urgent": 0, "todo": 1, "ok": 2}


def tasks_for(user) -> list[Task]:
    tasks: list[Task] = []
    for provider in PROVIDERS:
        tasks.extend(provider(user))
    tasks.sort(key=lambda t: (LEVEL_ORDER.get(t.level, 1), t.order))
    return tasks
