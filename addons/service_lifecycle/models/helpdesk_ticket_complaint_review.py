# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import complaints as complaint_rules
from ..rules.workflow import Transition, TransitionTable
from .helpdesk_ticket import MANAGER

QUALITY_OFFICE = "service_lifecycle.group_quality_office"
REVIEWERS = (QUALITY_OFFICE, MANAGER)
REVIEW_DECISIONS = ("important", "not_important")


class HelpdeskTicket(models.Model):
    """Repeated complaints: the same issue complained of in a row (a repeat
    recorded while the first complaint is open, or merged into it, counts), or
    its task order reworked too often, makes a candidate that the complaint
    group leader is asked to review as an important complaint (重要投诉, the
    middle of the three levels, supervisor level; not automatically 重大); the
    quality office or a service manager records the decision.

    The decision is a second workflow of the ticket (``service.workflow.mixin``,
    next to its stages): not reviewed → important / not important, by the
    quality office or a service manager, with the reasons written; a service
    manager may reopen a decision for a new review.

    The technical names keep "major" (``complaint_major_candidate``) for the
    stored column; what it means is the important-complaint review."""

    _inherit = "helpdesk.ticket"

    complaint_repeat_count = fields.Integer(
        string="Complaints in a Row",
        compute="_compute_complaint_major_candidate",
        store=True,
        help="How many of the customer's latest complaints in a row are about the "
        "same serial number (or product) and category, this one and the "
        "complaints merged into it included.",
    )
    complaint_source_rework_count = fields.Integer(
        related="complaint_source_ticket_id.rework_count",
        string="Reworks of the Task Order",
    )
    complaint_major_candidate = fields.Boolean(
        string="Important Complaint Candidate",
        compute="_compute_complaint_major_candidate",
        store=True,
        index=True,
        help="Complained of repeatedly, or its repair was reworked too often: to be "
        "reviewed as an important complaint.",
    )
    complaint_candidate_reason = fields.Char(
        string="Why a Candidate", compute="_compute_complaint_candidate_reason"
    )
    complaint_review_state = fields.Selection(
        [
            ("important", "Important Complaint"),
            ("not_important", "Not Important"),
        ],
        string="Review Decision",
        copy=False,
        readonly=True,
        tracking=True,
    )
    complaint_review_note = fields.Text(
        string="Review Reasons", copy=False, help="Why the review decided so."
    )
    complaint_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", copy=False, readonly=True
    )
    complaint_review_date = fields.Datetime(
        string="Reviewed On", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _get_complaint_issue(self):
        """What a complaint is about, to find repeats: the serial number (or the
        product) and the category; None when neither is known."""
        self.ensure_one()
        if not (self.lot_id or self.product_id):
            return None
        thing = (
            ("lot", self.lot_id.id) if self.lot_id else ("product", self.product_id.id)
        )
        return (thing, self.category_id.id)

    @api.depends(
        "request_type",
        "commercial_partner_id",
        "lot_id",
        "product_id",
        "category_id",
        "complaint_source_ticket_id.rework_count",
        "company_id.complaint_repeat_threshold",
        "company_id.complaint_rework_threshold",
        "duplicate_ids",
        "duplicate_ids.complaint_received_department_id",
        "complaint_received_department_id",
    )
    def _compute_complaint_major_candidate(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        (self - complaints).update(
            {"complaint_repeat_count": 0, "complaint_major_candidate": False}
        )
        if not complaints:
            return
        history = self.search_fetch(
            [
                ("request_type", "=", "complaint"),
                ("commercial_partner_id", "in", complaints.commercial_partner_id.ids),
                ("duplicate_id", "=", False),
            ],
            ["commercial_partner_id", "received_date", "lot_id", "product_id"],
            order="received_date, id",
        )
        for ticket in complaints:
            earlier = history.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and c.id != t._origin.id
                    and (c.received_date, c.id)
                    < (t.received_date, t._origin.id or float("inf"))
                )
            )
            issues = [c._get_complaint_issue() for c in earlier]
            issues.append(ticket._get_complaint_issue())
            streak = complaint_rules.repeat_streak(issues, issues[-1])
            if streak:
                # the same issue complained of again and merged into this one
                # (the same complaint sent to another department is one record,
                # not a repeat)
                streak += len(
                    ticket.duplicate_ids.filtered(
                        lambda d, t=ticket: (
                            d.request_type == "complaint"
                            and d._get_complaint_issue() == t._get_complaint_issue()
                            and not d._complaint_is_department_copy(t)
                        )
                    )
                )
            ticket.complaint_repeat_count = streak
            ticket.complaint_major_candidate = bool(
                ticket._get_major_candidate_reasons(streak)
            )

    def _get_major_candidate_reasons(self, streak):
        """The rules' reasons (``repeat``, ``rework``) for reviewing the
        complaint as an important one, with ``streak`` complaints in a row."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return complaint_rules.major_candidate_reasons(
            streak,
            self.complaint_source_ticket_id.rework_count,
            company.complaint_repeat_threshold,
            company.complaint_rework_threshold,
        )

    @api.depends(
        "complaint_repeat_count",
        "complaint_major_candidate",
        "complaint_source_ticket_id.rework_count",
        "company_id.complaint_repeat_threshold",
        "company_id.complaint_rework_threshold",
    )
    @api.depends_context("lang")
    def _compute_complaint_candidate_reason(self):
        """Why the complaint is a candidate, in the reader's language."""
        for ticket in self:
            if not ticket.complaint_major_candidate:
                ticket.complaint_candidate_reason = False
                continue
            rework = ticket.complaint_source_ticket_id.rework_count
            labels = {
                "repeat": self.env._(
                    "complained of %(count)s times in a row",
                    count=ticket.complaint_repeat_count,
                ),
                "rework": self.env._(
                    "its task order was reworked %(count)s times", count=rework
                ),
            }
            reasons = ticket._get_major_candidate_reasons(ticket.complaint_repeat_count)
            ticket.complaint_candidate_reason = "; ".join(
                labels[reason] for reason in reasons
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._schedule_major_reviews()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        # a complaint merged into an open one makes that one a repeat
        (self | self.duplicate_id)._schedule_major_reviews()
        return result

    # ------------------------------------------------------------------
    # The review
    # ------------------------------------------------------------------
    @api.model
    def _workflow_fields(self):
        return {
            **super()._workflow_fields(),
            "complaint_review_state": self._complaint_review_transitions(),
        }

    @api.model
    def _complaint_review_transitions(self):
        """The review's moves (``False`` is "not reviewed yet")."""
        check = "_check_complaint_review"
        return TransitionTable(
            [
                Transition(False, "important", REVIEWERS, check),
                Transition(False, "not_important", REVIEWERS, check),
                # a decision reopened for a new review
                Transition("important", False, (MANAGER,)),
                Transition("not_important", False, (MANAGER,)),
            ]
        )

    def _check_complaint_review(self):
        """A review decides on a complaint, with its reasons written."""
        self._ensure_complaints()
        for ticket in self:
            if not (ticket.complaint_review_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reasons of the review of %(number)s first.",
                        number=ticket.number,
                    )
                )

    def _workflow_after_moves(self, moves):
        """A decision names its reviewer and date, an important one raises
        the complaint to the middle level (a major complaint stays major) and
        the review to do is done; a reopened decision has no reviewer."""
        result = super()._workflow_after_moves(moves)
        if moves.field != "complaint_review_state":
            return result
        for transition, tickets in moves.items():
            if transition.target in REVIEW_DECISIONS:
                tickets.write(
                    {
                        "complaint_reviewer_id": self.env.user.id,
                        "complaint_review_date": fields.Datetime.now(),
                    }
                )
                if transition.target == "important":
                    tickets.filtered(
                        lambda t: t.complaint_severity != "major"
                    ).complaint_severity = "important"
                tickets.activity_feedback(
                    ["service_lifecycle.mail_activity_type_complaint_review"],
                    feedback=self.env._("Review decision recorded."),
                )
            elif transition.source in REVIEW_DECISIONS:
                tickets.write(
                    {"complaint_reviewer_id": False, "complaint_review_date": False}
                )
        return result

    def _complaint_review(self, decision):
        self._workflow_move({"complaint_review_state": decision})
        return True

    def action_complaint_review_important(self):
        """Review decision: this is an important complaint (重要投诉)."""
        return self._complaint_review("important")

    def action_complaint_review_not_important(self):
        """Review decision: not an important complaint."""
        return self._complaint_review("not_important")

    def action_complaint_review_reopen(self):
        """A service manager reopens the decision for a new review (the group
        leader is asked again, as for a new candidate)."""
        self._workflow_move({"complaint_review_state": False})
        return True

    def _schedule_major_reviews(self):
        """Ask the complaint group leader to review the new important-complaint
        candidates (once: a review decision or a planned review stops it)."""
        candidates = self.filtered(
            lambda t: t.complaint_major_candidate and not t.complaint_review_state
        )
        if not candidates:
            return
        activity_type = self.env.ref(
            "service_lifecycle.mail_activity_type_complaint_review"
        )
        todo = candidates.filtered(
            lambda t: (
                not t.closed and activity_type not in t.activity_ids.activity_type_id
            )
        )
        for ticket in todo:
            user = (
                ticket.complaint_group_id.leader_id
                or ticket.complaint_group_id.manager_id
                or ticket.complaint_owner_id
            )
            # the reason in the language of the person who reviews
            reader = user or self.env.user
            ticket.activity_schedule(
                activity_type_id=activity_type.id,
                note=ticket.with_context(lang=reader.lang).complaint_candidate_reason,
                user_id=reader.id,
            )
