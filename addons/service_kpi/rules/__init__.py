"""Pure-Python KPI rules: formulas, periods, tiers and penalty defaults.

Nothing here uses the ORM, so the rules can be read and tested alone; the models
call them. The arithmetic the three addons share (the rate of a numerator and a
denominator, adding months) is imported from service_lifecycle's
``rules/figures.py``, not repeated here.
"""
