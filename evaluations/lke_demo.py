"""Demo data of the LKE evaluation: rounds, teams, worksheets, published and final results (steps 410–419)."""
