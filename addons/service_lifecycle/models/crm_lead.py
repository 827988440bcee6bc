# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..rules import followup_cadence
from .crm_lead_grade import LEAD_GRADES

FOLLOWUP_ACTIVITY = "service_lifecycle.mail_activity_type_lead_followup"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lead_grade = fields.Selection(
        LEAD_GRADES,
        string="Grade",
        tracking=True,
        help="Need and intention of the lead; the grade sets the follow-up cadence.",
    )
    followup_count = fields.Integer(string="Follow-ups Done", readonly=True, copy=False)
    last_followup_date = fields.Date(string="Last Follow-up", readonly=True, copy=False)
    next_followup_date = fields.Date(
        string="Next Follow-up", readonly=True, copy=False, tracking=True
    )
    consultation_ids = fields.One2many(
        "crm.consultation", "lead_id", string="Consultations"
    )
    consultation_count = fields.Integer(compute="_compute_consultation_count")
    solution_ids = fields.One2many(
        "crm.lead.solution", "lead_id", string="Proposals, Demos and Trials"
    )
    solution_count = fields.Integer(compute="_compute_solution_count")

    def _compute_consultation_count(self):
        counts = dict(
            self.env["crm.consultation"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.consultation_count = counts.get(lead, 0)

    def _compute_solution_count(self):
        counts = dict(
            self.env["crm.lead.solution"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.solution_count = counts.get(lead, 0)

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered("lead_grade")._schedule_followup()
        return leads

    def write(self, vals):
        result = super().write(vals)
        # Follow-up bookkeeping after an allowed write: a reassigned lead may
        # already be out of the writer's reach.
        leads = self.sudo()
        if "lead_grade" in vals:
            # a new grade starts a new cadence
            leads.with_context(tracking_disable=True).write(
                {"followup_count": 0, "last_followup_date": False}
            )
            leads._schedule_followup()
        elif "user_id" in vals:
            leads.filtered("next_followup_date")._schedule_followup()
        return result

    @api.model
    def _followup_by_grade_cadence(self):
        """Hook: whether the grade cadence (``crm.lead.grade``) plans the
        leads' pre-sale follow-ups. One engine per lead: an addon that plans
        them otherwise (service_callback's callback rules) returns False, and
        the cadence stands down."""
        return True

    def _schedule_followup(self):
        """Plan the next follow-up of each lead from its grade's cadence and give
        the salesperson a follow-up activity on that day (replacing the open one).
        When another engine plans the follow-ups, the cadence stands down: the
        leads keep no cadence activity and no next follow-up date."""
        self.activity_unlink([FOLLOWUP_ACTIVITY])
        if not self._followup_by_grade_cadence():
            self.filtered("next_followup_date").next_followup_date = False
            return
        cadences = self.env["crm.lead.grade"]._get_cadences(
            self.company_id | self.env.company
        )
        today = fields.Date.context_today(self)
        for lead in self:
            date = False
            if lead.lead_grade and lead.active and not lead.stage_id.is_won:
                company = lead.company_id or self.env.company
                date = followup_cadence.next_followup_date(
                    lead.last_followup_date or today,
                    lead.followup_count,
                    cadences.get((company.id, lead.lead_grade)),
                )
            lead.next_followup_date = date or False
            if date:
                lead.activity_schedule(
                    FOLLOWUP_ACTIVITY,
                    date_deadline=date,
                    user_id=lead.user_id.id or self.env.uid,
                )

    def _register_followup_done(self):
        """A follow-up activity was done: count it and plan the next one."""
        for lead in self:
            lead.write(
                {
                    "followup_count": lead.followup_count + 1,
                    "last_followup_date": fields.Date.context_today(lead),
                }
            )
        self._schedule_followup()

    @api.readonly
    def action_view_consultations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.crm_consultation_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    @api.readonly
    def action_view_solutions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.crm_lead_solution_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
