# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure business rules of the service desk: no Odoo import in this package."""
