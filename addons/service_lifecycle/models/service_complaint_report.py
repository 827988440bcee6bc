# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .service_complaint_group import COMPLAINT_SEVERITIES


class ServiceComplaintReport(models.Model):
    _name = "service.complaint.report"
    _description = "Complaint Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", readonly=True)
    date = fields.Datetime(string="Received", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    cause = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]
            ._fields["complaint_cause"]
            ._description_selection(self.env)
        ),
        readonly=True,
    )
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", readonly=True
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Responsible Person", readonly=True
    )
    severity = fields.Selection(COMPLAINT_SEVERITIES, readonly=True)
    group_id = fields.Many2one(
        "service.complaint.group", string="Complaint Group", readonly=True
    )
    owner_id = fields.Many2one("res.users", string="Owner", readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    is_solved = fields.Boolean(string="Solved", readonly=True)
    major_candidate = fields.Boolean(
        string="Important Complaint Candidate", readonly=True
    )
    review_state = fields.Selection(
        [("important", "Important Complaint"), ("not_important", "Not Important")],
        string="Review Decision",
        readonly=True,
    )
    nbr = fields.Integer(string="Complaints", readonly=True, aggregator="sum")
    replied_in_time = fields.Integer(
        string="Replied in Time", readonly=True, aggregator="sum"
    )
    solved_in_time = fields.Integer(
        string="Solved in Time",
        readonly=True,
        aggregator="sum",
        help="Solved within the solution deadline (72 clock hours by default).",
    )
    solved_in_time_rate = fields.Float(
        string="Solved in Time (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the complaints solved within their solution deadline.",
    )
    issue_count = fields.Integer(
        string="Complaints about the Issue",
        readonly=True,
        aggregator="max",
        help="Complaints of the company about the same product and category.",
    )
    compensation_amount = fields.Float(
        string="Compensation", readonly=True, aggregator="sum"
    )
    cost_amount = fields.Float(string="Cost", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        # in time: the deadline's state as the task order computed it (met)
        return """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   t.received_date AS date,
                   t.company_id,
                   t.commercial_partner_id AS partner_id,
                   t.product_id,
                   t.lot_id,
                   t.category_id,
                   t.complaint_cause AS cause,
                   t.complaint_department_id AS department_id,
                   t.complaint_employee_id AS employee_id,
                   t.complaint_severity AS severity,
                   t.complaint_group_id AS group_id,
                   t.complaint_owner_id AS owner_id,
                   COALESCE(s.closed, FALSE) AS is_closed,
                   t.complaint_solved_date IS NOT NULL AS is_solved,
                   COALESCE(t.complaint_major_candidate, FALSE) AS major_candidate,
                   t.complaint_review_state AS review_state,
                   1 AS nbr,
                   CASE WHEN t.response_sla_state = 'met'
                        THEN 1 ELSE 0 END AS replied_in_time,
                   CASE WHEN t.resolution_sla_state = 'met'
                        THEN 1 ELSE 0 END AS solved_in_time,
                   CASE WHEN t.resolution_sla_state = 'met'
                        THEN 100.0 ELSE 0.0 END AS solved_in_time_rate,
                   COUNT(*) OVER (
                       PARTITION BY t.company_id, t.product_id, t.category_id
                   ) AS issue_count,
                   COALESCE(m.compensation_amount, 0) AS compensation_amount,
                   COALESCE(m.cost_amount, 0) AS cost_amount
              FROM helpdesk_ticket t
              LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
              LEFT JOIN (
                    SELECT ticket_id,
                           SUM(amount) AS compensation_amount,
                           SUM(cost_amount) AS cost_amount
                      FROM service_complaint_measure
                     GROUP BY ticket_id
              ) m ON m.ticket_id = t.id
             WHERE t.request_type = 'complaint'
               AND t.duplicate_id IS NULL
        """
