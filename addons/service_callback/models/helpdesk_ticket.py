# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools.sql import create_index


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _auto_init(self):
        result = super()._auto_init()
        # anchors of the callback planner: it looks them up by date range
        for column in ("closed_date", "complaint_solved_date"):
            create_index(
                self.env.cr,
                f"helpdesk_ticket_{column}_anchor_index",
                self._table,
                [f'"{column}"'],
                where=f'"{column}" IS NOT NULL',
            )
        return result

    callback_id = fields.Many2one(
        "service.callback",
        string="Opened From Callback",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    complaint_callback_made = fields.Boolean(
        string="Callback Made",
        compute="_compute_complaint_callback_made",
        help="A complaint callback of this complaint is done and reached the "
        "customer; the complaint cannot be closed before.",
    )

    def _compute_complaint_callback_made(self):
        done = self._complaint_callback_done() if self.ids else {}
        for ticket in self:
            ticket.complaint_callback_made = done.get(ticket.id, False)

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            closed = self.filtered("closed")
            if closed:
                Rule = self.env["service.callback.rule"]
                Rule._plan_for_event("ticket_closed", closed)
                Rule._plan_for_event("special_done", closed)
        return result

    def _complaint_solved_hook(self):
        """The complaint is solved: plan its callback (3 days later by default;
        anonymous and reply-only complaints get none)."""
        result = super()._complaint_solved_hook()
        self.env["service.callback.rule"]._plan_for_event("complaint_solved", self)
        return result

    def _complaint_callback_done(self):
        """A complaint is called back once one of its complaint callbacks is
        done and reached the customer (the manual box is not used)."""
        callbacks = (
            self.env["service.callback"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("callback_type", "=", "complaint"),
                    ("state", "=", "done"),
                    ("reached", "=", True),
                ],
                ["res_id"],
            )
        )
        made = set(callbacks.mapped("res_id"))
        return {ticket.id: ticket.id in made for ticket in self}
