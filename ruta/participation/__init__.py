"""Citizen participation: oversight committees of public works."""
