"""Pages of the Perjanjian Kinerja (mounted at ``/pk/``)."""
