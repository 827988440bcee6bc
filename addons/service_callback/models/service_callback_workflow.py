# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.service_lifecycle.rules.names import neutral_name
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from .service_callback import AGENT, ASSIGNEE, SUPERVISOR


class ServiceCallback(models.Model):
    """Recording a callback: its moves (planned, done, cancelled), what each
    move needs (``service.workflow.mixin``) and what a done callback leads to
    (a complaint or a technical question opened, a follow-up planned)."""

    _inherit = "service.callback"

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        """Planned → done, recorded by the person it is assigned to (a
        salesperson or technician too, see ``group_callback_assignee``), or
        cancelled by a callback agent; a supervisor sets a done or cancelled
        callback back to planned."""
        return TransitionTable(
            [
                Transition("planned", "done", (ASSIGNEE,), "_ensure_recordable"),
                Transition("planned", "cancelled", (AGENT,)),
                Transition("done", "planned", (SUPERVISOR,)),
                Transition("cancelled", "planned", (SUPERVISOR,)),
            ]
        )

    def _ensure_planned(self):
        for callback in self:
            if callback.state != "planned":
                raise UserError(
                    _("Callback %s is not planned any more.", callback.display_name)
                )

    def _ensure_recordable(self):
        """What a callback must record to be done: the rating of a reached
        customer, the customer's signature on an on-site visit (why the
        customer was not reached, when not), the promised reply time of an
        open issue."""
        for callback in self:
            if callback.reached and not callback.rating:
                raise UserError(
                    _(
                        "Callback %s reached the customer: record their rating "
                        "before marking it done.",
                        callback.display_name,
                    )
                )
            if callback.method == "onsite" and not callback.reached:
                if not callback.not_reached_reason:
                    raise UserError(
                        _(
                            "On-site callback %s did not reach the customer: say "
                            "why (the reason, and a note if needed) before marking "
                            "it done.",
                            callback.display_name,
                        )
                    )
            elif callback.signature_required and callback.reached:
                if not callback.signature or not callback.signed_by:
                    raise UserError(
                        _(
                            "On-site callback %s must be signed by the customer: "
                            "have them sign the record (with their name) in the "
                            "form or on the customer portal.",
                            callback.display_name,
                        )
                    )
            if callback.open_issue and not callback.promised_datetime:
                raise UserError(
                    _(
                        "Callback %s leaves an issue open: set the promised reply "
                        "time so that the follow-up callback can be scheduled.",
                        callback.display_name,
                    )
                )

    def _workflow_after_moves(self, moves):
        """A callback done gets its completion time (and the overdue flag when
        its due day had ended) and its outcome; one set back to planned loses
        its completion time."""
        result = super()._workflow_after_moves(moves)
        done = self.browse()
        for transition, callbacks in moves.items():
            if transition.target == "done":
                done |= callbacks
            elif transition.target == "planned":
                callbacks.done_datetime = False
        if not done:
            return result
        now = fields.Datetime.now()
        undated = done.filtered(lambda c: not c.done_datetime)
        late = undated.filtered(lambda c: c.is_overdue or now >= c._due_day_end())
        if late:
            late.write({"done_datetime": now, "is_overdue": True})
        if undated - late:
            (undated - late).done_datetime = now
        done._apply_outcome()
        return result

    # ------------------------------------------------------------------
    # outcome of a done callback
    # ------------------------------------------------------------------
    def _apply_outcome(self):
        """After recording: a dissatisfied customer opens a complaint, an open
        issue gets its follow-up callback."""
        for callback in self:
            if callback.rating == "dissatisfied" and not callback.complaint_ticket_id:
                callback.complaint_ticket_id = callback._create_ticket("complaint")
            if callback.open_issue:
                callback._schedule_followup()

    def _schedule_followup(self):
        self.ensure_one()
        if not self.promised_datetime:
            return self.browse()
        existing = self.followup_ids.filtered(lambda c: c.state == "planned")
        if existing:
            return existing[:1]
        followup = self.create(self._prepare_followup_vals())
        self.message_post(
            body=_(
                "Follow-up callback %s scheduled for the promised reply.",
                followup._get_html_link(),
            )
        )
        return followup

    def _prepare_followup_vals(self):
        self.ensure_one()
        return {
            "parent_id": self.id,
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "method": self.method,
            "callback_type": "followup",
            "due_datetime": self.promised_datetime,
            # the customer's words; "Promised reply" is rendered at read time
            "purpose": self.next_steps or self.purpose or False,
            "res_model": self.res_model,
            "res_id": self.res_id,
        }

    def _ticket_title(self, kind):
        """What the callback's chatter says it opened (a message, written in
        the language of whoever made the callback, as any chatter post)."""
        titles = {
            "complaint": _("Complaint from callback %s", self.name),
            "problem": _("Problem reported in callback %s", self.name),
            "technical": _(
                "Technical center: unsolved problem from callback %s", self.name
            ),
        }
        return titles[kind]

    def _ticket_subject(self):
        """The title stored on the task order opened from the callback, in no
        one's language: the callback's number, the customer and the machine
        (its serial number, or the product's internal reference) when the
        callback follows one. What kind of case it is shows in the task
        order's request type and team, and the customer's words in its
        description and callback fields, worded for each reader."""
        self.ensure_one()
        anchor = self.sudo().anchor_ref
        machine = False
        if anchor and "lot_id" in anchor._fields and anchor.lot_id:
            machine = anchor.lot_id.name
        elif anchor and "product_id" in anchor._fields:
            machine = anchor.product_id.default_code
        return neutral_name(self.name, self.partner_id.name, machine)

    def _prepare_ticket_vals(self, kind):
        """Values of the task order opened from this callback: a dissatisfied
        customer's complaint, or a problem to repair. The customer's words
        are its description; its other callback notes show through the
        task order's callback fields."""
        self.ensure_one()
        words = self.customer_feedback or self.next_steps or self.purpose
        vals = {
            "name": self._ticket_subject(),
            "description": plaintext2html(words or self.name),
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "callback_id": self.id,
            "request_type": "complaint" if kind == "complaint" else "repair",
        }
        if kind == "technical" and self.company_id.callback_technical_team_id:
            vals["team_id"] = self.company_id.callback_technical_team_id.id
        return vals

    def _create_ticket(self, kind):
        """Open a task order from the callback. Callback agents need not be
        service-desk users: the ticket is created with superuser rights and
        the agent follows it, which lets them read it."""
        self.ensure_one()
        ticket = (
            self.env["helpdesk.ticket"].sudo().create(self._prepare_ticket_vals(kind))
        )
        if self.user_id:
            ticket.message_subscribe(partner_ids=self.user_id.partner_id.ids)
        self.message_post(
            body=Markup("%s %s") % (self._ticket_title(kind), ticket._get_html_link())
        )
        return ticket
