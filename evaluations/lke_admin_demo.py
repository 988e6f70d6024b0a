"""Demo data of LKE templates (step 400), follow-up progress and the Pemda's own KemenPAN-RB results (steps 420–429)."""
