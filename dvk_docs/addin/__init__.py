"""The Excel add-in builder and installer (.xlam with the ribbon and the VBA dispatcher)."""
