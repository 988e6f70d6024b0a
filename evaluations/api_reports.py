"""API of the monthly evaluation reports and coordination-meeting packs (issue #7)."""


def register(router) -> None:
    pass


def urlpatterns() -> list:
    return []
