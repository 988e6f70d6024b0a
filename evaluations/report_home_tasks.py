"""Home-page panels/tasks of the monthly reports (issue #7)."""
