"""API of issue #9 (obligations)."""


def register(router) -> None:
    pass


def urlpatterns() -> list:
    return []
