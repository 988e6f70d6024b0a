"""API of issue #9 (discipline)."""


def register(router) -> None:
    pass


def urlpatterns() -> list:
    return []
