"""Pages of the monthly evaluation reports and coordination-meeting packs (issue #7)."""

urlpatterns: list = []
