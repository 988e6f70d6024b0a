"""What each user has to do now: task providers per capability, shown on the home page.

A provider is ``fn(user) -> list[Task]``; apps register theirs in ``AppConfig.ready`` via
:func:`register`. The home page shows the tasks of every provider, most urgent first.

Below the tasks the home page shows *panels* (a checklist, the user's unit, an overview of the
Pemda, later e.g. PK status): a panel provider is ``fn(user) -> Panel | list[Panel] | None``,
registered with :func:`register_panel`; the panel's ``template`` is included with ``panel`` in
the context.
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


@dataclass
class Panel:
    """A block of the home page. ``template`` is included with ``panel`` in its context; core
    panels live in ``core/_home_panels.html`` and are told apart by ``kind``."""

    kind: str
    title: str
    template: str = "core/_home_panels.html"
    order: int = 50
    wide: bool = False  # spans the whole width instead of half of it
    data: dict = field(default_factory=dict)


PANEL_PROVIDERS: list[Callable] = []


def register_panel(provider: Callable) -> Callable:
    if provider not in PANEL_PROVIDERS:
        PANEL_PROVIDERS.append(provider)
    return provider


def panels_for(user) -> list[Panel]:
    panels: list[Panel] = []
    for provider in PANEL_PROVIDERS:
        result = provider(user)
        if isinstance(result, Panel):
            panels.append(result)
        elif result:
            panels.extend(result)
    panels.sort(key=lambda p: p.order)
    return panels
