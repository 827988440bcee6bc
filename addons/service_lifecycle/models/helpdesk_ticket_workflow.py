# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..rules.workflow import ANY, Transition, TransitionTable
from .helpdesk_ticket import (
    COMPLAINT_GROUP,
    COORDINATOR,
    DESK,
    MANAGER,
    REPAIR_COORDINATOR,
    TECHNICIAN,
)


class HelpdeskTicket(models.Model):
    """The task order's workflow: its stages as steps of the hotline's flow,
    the moves between them, who may make each and the guard it must meet
    (``service.workflow.mixin``)."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Workflow: the stages as steps, and who may move between them
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        reopen = "_check_reopened"
        return TransitionTable(
            [
                # the phone agent hands a complete intake to the coordinator
                Transition("intake", "coordination", (DESK,), "_check_intake_complete"),
                # the information coordinator hands it to a hotline technician
                Transition(
                    "coordination",
                    "diagnosis",
                    (COORDINATOR,),
                    "_check_technician_assigned",
                ),
                # the technician starts the service (dispatch, repair, return) ...
                Transition(
                    "diagnosis", "service", (TECHNICIAN,), "_check_technician_assigned"
                ),
                # ... or hands the service record to the repair coordinator
                Transition(
                    "diagnosis",
                    "repair_coordination",
                    (TECHNICIAN,),
                    "_check_diagnosis_recorded",
                ),
                Transition(
                    "repair_coordination",
                    "service",
                    (REPAIR_COORDINATOR, TECHNICIAN),
                    "_check_technician_assigned",
                ),
                # solved: the customer is asked
                Transition(
                    "diagnosis",
                    "confirmation",
                    (TECHNICIAN,),
                    "_check_solution_recorded",
                ),
                Transition(
                    "service",
                    "confirmation",
                    (TECHNICIAN, COMPLAINT_GROUP),
                    "_check_solution_recorded",
                ),
                # closed by customer service with the satisfaction answer
                Transition("diagnosis", "done", (DESK,), "_check_can_close"),
                Transition("service", "done", (DESK,), "_check_can_close"),
                Transition("confirmation", "done", (DESK,), "_check_can_close"),
                # not satisfied: reopened for a rework
                Transition("confirmation", "diagnosis", (DESK,), reopen),
                Transition("confirmation", "service", (DESK,), reopen),
                Transition("done", "diagnosis", (DESK,), reopen),
                Transition("done", "service", (DESK,), reopen),
                # a complaint: the complaint group's reply starts its handling
                Transition(
                    "intake", "service", (COMPLAINT_GROUP,), "_check_complaint_handling"
                ),
                Transition(
                    "coordination",
                    "service",
                    (COMPLAINT_GROUP,),
                    "_check_complaint_handling",
                ),
                # ... or its solution, when the first reply already solves it
                Transition(
                    "intake",
                    "confirmation",
                    (COMPLAINT_GROUP,),
                    "_check_complaint_solved",
                ),
                Transition(
                    "coordination",
                    "confirmation",
                    (COMPLAINT_GROUP,),
                    "_check_complaint_solved",
                ),
                # a service manager cancels or rejects, and may restore
                Transition(ANY, "cancelled", (MANAGER,)),
                Transition("cancelled", "intake", (MANAGER,)),
            ]
        )

    @api.model
    def _workflow_initial_steps(self, field=None):
        if field not in (None, self._workflow_field):
            return super()._workflow_initial_steps(field)
        return {"intake"}

    def _workflow_step(self, field=None):
        if field not in (None, self._workflow_field):
            return super()._workflow_step(field)
        self.ensure_one()
        return self._workflow_step_for_value(self.stage_id)

    @api.model
    def _workflow_step_for_value(self, value, field=None):
        """The stage's step; a stage without one counts as done when it is
        closed, as in service otherwise."""
        if field not in (None, self._workflow_field):
            return super()._workflow_step_for_value(value, field)
        stage = self.env["helpdesk.ticket.stage"].browse(
            value.id if isinstance(value, models.BaseModel) else value
        )
        if not stage:
            return "intake"
        return stage.service_step or ("done" if stage.closed else "service")

    @api.model
    def _workflow_step_label(self, step, field=None):
        if field not in (None, self._workflow_field):
            return super()._workflow_step_label(step, field)
        labels = self.env["helpdesk.ticket.stage"]._fields["service_step"]
        return dict(labels._description_selection(self.env)).get(step, step)

    def _check_complaint_handling(self):
        """Only a complaint skips the technicians; its intake is complete."""
        self._ensure_complaints()
        self._check_intake_complete()

    def _check_complaint_solved(self):
        """A complaint solved at its first reply: its handling, and the solution."""
        self._check_complaint_handling()
        self._check_solution_recorded()
