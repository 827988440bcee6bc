"""Pure-Python KPI rules: formulas, periods, tiers and penalty defaults.

Nothing here imports Odoo, so the rules can be read and tested alone; the models
call them.
"""
