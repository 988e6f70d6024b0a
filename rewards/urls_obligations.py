"""Pages of issue #9 (obligations), mounted under /reward/ (app_name "rewards")."""

urlpatterns: list = []
