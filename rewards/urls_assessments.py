"""Pages of issue #9 (assessments), mounted under /reward/ (app_name "rewards")."""

urlpatterns: list = []
