"""API of issue #9 (assessments)."""


def register(router) -> None:
    pass


def urlpatterns() -> list:
    return []
