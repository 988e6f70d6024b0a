"""Pages of issue #9 (discipline), mounted under /reward/ (app_name "rewards")."""

urlpatterns: list = []
