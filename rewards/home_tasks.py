"""Home-page tasks and panels of rewards: proposals waiting (pimpinan), decisions to answer (unit)."""
