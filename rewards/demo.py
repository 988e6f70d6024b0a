"""Demo data of rankings and decisions (steps 500–519).

A past year with a frozen ranking, proposals and issued decisions.
"""
