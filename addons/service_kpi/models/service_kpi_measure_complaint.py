# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ServiceKpiMeasure(models.AbstractModel):
    """The complaint handling rate (件件有着落,事事有回音, 处理率达100%)."""

    _inherit = "service.kpi.measure"

    @api.model
    def _get_measures(self):
        measures = super()._get_measures()
        measures["complaint_handling_rate"] = {
            "name": self.env._("Complaint handling rate"),
            "model": "helpdesk.ticket",
            "user_field": "complaint_owner_id",
            "date_field": "received_date",
            # one record per issue: a complaint merged into another (the same
            # complaint sent to another department, or repeated) is not
            # counted again
            "filters": [
                ("request_type", "=", "complaint"),
                ("duplicate_id", "=", False),
            ],
            "numerator": [("complaint_solved_date", "!=", False)],
            "scale": 100.0,
            "unit": "percent",
            "help": self.env._(
                "Complaints received in the period that are handled (a solution "
                "the customer accepted, or the written reply) ÷ complaints "
                "received in the period, one record per issue (copies sent to "
                "other departments are merged into the first), credited to the "
                "complaint's owner (first-contact responsibility: who received "
                "it, until handed over)."
            ),
        }
        return measures
