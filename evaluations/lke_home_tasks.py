"""Home-page tasks and panels of the LKE evaluation.

Self-assessment due, worksheets to score or review, results to answer, overdue follow-up.
"""
