# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    callback_id = fields.Many2one(
        "service.callback",
        string="Opened From Callback",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    # the callback's notes, read in each reader's language (not copied)
    callback_customer_feedback = fields.Text(
        related="callback_id.customer_feedback", string="Customer's Questions"
    )
    callback_customer_suggestions = fields.Text(
        related="callback_id.customer_suggestions", string="Customer's Suggestions"
    )
    callback_next_steps = fields.Text(
        related="callback_id.next_steps", string="Next Steps"
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
        """A complaint is called back once its complaint callback is done and
        reached the customer (the manual box is not used); a complaint
        reopened and solved again owes a new one, made after that solution."""
        callbacks = (
            self.env["service.callback"]
            .sudo()
            .search_fetch(
                self._complaint_called_back_domain(self), ["res_id", "done_datetime"]
            )
        )
        # per complaint: when its latest callback was made (None: undated)
        made = {}
        for callback in callbacks:
            when = made.get(callback.res_id, callback.done_datetime)
            if when and callback.done_datetime:
                when = max(when, callback.done_datetime)
            made[callback.res_id] = when
        return {
            ticket.id: ticket.id in made
            and not (
                ticket.complaint_solved_date
                and made[ticket.id]
                and made[ticket.id] < ticket.complaint_solved_date
            )
            for ticket in self
        }

    @api.model
    def _complaint_called_back_domain(self, tickets=True):
        """The callbacks that call complaints back: their complaint callbacks
        that count as made (of ``tickets``, or of any task order, see
        ``service.callback._complaint_callback_domain``). The close gate, the
        complaint callback indicator and its penalty all count these."""
        Callback = self.env["service.callback"]
        return [
            *Callback._complaint_callback_domain(tickets),
            *Callback._callback_done_domain(),
        ]

    @api.model
    def _complaint_called_back_sql(self, ticket_id, until=None):
        """SQL condition: the task order ``ticket_id`` (SQL) is called back
        (``_complaint_called_back_domain``), by a callback done no later than
        ``until`` (SQL) when given."""
        Callback = self.env["service.callback"].sudo()
        query = Callback._search(self._complaint_called_back_domain())
        if until is not None:
            query.add_where(
                SQL(
                    "%s <= %s",
                    Callback._field_to_sql(query.table, "done_datetime", query),
                    until,
                )
            )
        # IN rather than a correlated EXISTS: without ``until`` PostgreSQL
        # hashes the called-back task orders once for the whole scan
        return SQL(
            "%s IN %s",
            ticket_id,
            query.subselect(Callback._field_to_sql(query.table, "res_id", query)),
        )
