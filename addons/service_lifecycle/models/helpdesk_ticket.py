# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import uuid

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .helpdesk_ticket_stage import SERVICE_STEPS
from .service_policy_rule import REQUEST_TYPES, SERVICE_LEVELS, SERVICE_MODES

# the desk's groups, as the task order's transition table names them
DESK = "service_lifecycle.group_phone_agent"
COORDINATOR = "service_lifecycle.group_information_coordinator"
TECHNICIAN = "service_lifecycle.group_hotline_technician"
REPAIR_COORDINATOR = "service_lifecycle.group_repair_coordinator"
COMPLAINT_GROUP = "service_lifecycle.group_complaint_handler"
MANAGER = "service_lifecycle.group_service_manager"
# answers that close the task order
SATISFIED = ("very_satisfied", "satisfied")
# service modes whose service record goes to the repair coordinator
REPAIR_MODES = ("on_site", "carry_in", "mail_in", "paid")


class HelpdeskTicket(models.Model):
    """The task order 任务单: intake (customer, machine, fault), duplicates,
    the service level and mode, the hand-offs from the phone agent to the
    coordinator and the technician, the guards of each step and closing with
    the customer's satisfaction.

    The other concerns extend it in their own files: warranty
    (``helpdesk_ticket_warranty.py``), deadlines (``helpdesk_ticket_deadline.py``
    on ``service.deadline.mixin``), service flows
    (``helpdesk_ticket_service_flow.py``), complaints
    (``helpdesk_ticket_complaint.py``, ``helpdesk_ticket_complaint_review.py``)."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.input.mixin", "service.workflow.mixin"]
    _workflow_field = "stage_id"

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    request_type = fields.Selection(
        REQUEST_TYPES, required=True, default="repair", tracking=True, index=True
    )
    customer_class = fields.Selection(
        related="commercial_partner_id.customer_class",
        store=True,
        string="Customer Class",
    )
    is_urgent = fields.Boolean(
        string="Urgent",
        tracking=True,
        help="Urgent service (e.g. a machine stopped in the harvest) raises the "
        "service level.",
    )
    received_date = fields.Datetime(
        string="Received",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        help="When the request reached the hotline: the deadlines start here.",
    )
    service_step = fields.Selection(related="stage_id.service_step")
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    product_tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        domain="[('product_id', '=?', product_id)]",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    fault_date = fields.Date(
        default=lambda self: self.env.company._local_day(fields.Datetime.now()),
        help="Day the fault appeared (the company's local day by default); the "
        "warranty is decided for this day.",
    )
    working_conditions = fields.Text(
        help="How and where the machine works (e.g. farming, wet paddy fields, "
        "hours per day)."
    )
    fault_symptoms = fields.Text(help="What the customer sees, hears or measures.")
    duplicate_confirmed = fields.Boolean(
        string="Not a Duplicate",
        copy=False,
        help="Tick when the open task orders shown are a different problem.",
    )
    duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible Duplicates",
        compute="_compute_duplicate_candidate_ids",
    )
    knowledge_article_count = fields.Integer(compute="_compute_knowledge_article_count")

    # ------------------------------------------------------------------
    # Service level and mode, hand-offs
    # ------------------------------------------------------------------
    policy_rule_id = fields.Many2one(
        "service.policy.rule",
        string="Service Policy",
        compute="_compute_policy_rule_id",
        store=True,
    )
    service_level = fields.Selection(
        SERVICE_LEVELS,
        compute="_compute_service_level_mode",
        store=True,
        readonly=False,
        tracking=True,
    )
    service_mode = fields.Selection(
        SERVICE_MODES,
        compute="_compute_service_level_mode",
        store=True,
        readonly=False,
        tracking=True,
    )
    intake_done_date = fields.Datetime(
        string="Handed to Coordinator", copy=False, readonly=True
    )
    handoff_date = fields.Datetime(
        string="Handed to Technician", copy=False, readonly=True
    )
    diagnosis_done_date = fields.Datetime(
        string="Diagnosis Recorded",
        copy=False,
        readonly=True,
        help="When the technician first recorded the diagnosis steps: the service "
        "record goes to the repair coordinator from then on.",
    )
    repair_handoff_date = fields.Datetime(
        string="Handed to Repair Coordinator", copy=False, readonly=True
    )
    first_response_date = fields.Datetime(copy=False, readonly=True)
    resolved_date = fields.Datetime(copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------
    diagnosis_steps = fields.Html(help="What was checked with the customer, in order.")
    solution = fields.Html(help="What solved the problem.")
    satisfaction = fields.Selection(
        [
            ("very_satisfied", "Very Satisfied"),
            ("satisfied", "Satisfied"),
            ("not_satisfied", "Not Satisfied"),
        ],
        copy=False,
        tracking=True,
    )
    satisfaction_comment = fields.Text(copy=False)
    satisfaction_user_id = fields.Many2one(
        "res.users",
        string="Satisfaction Recorded By",
        copy=False,
        readonly=True,
        help="Customer service records the customer's answer, not the technician "
        "who did the work.",
    )
    workflow_stage_ids = fields.Many2many(
        "helpdesk.ticket.stage",
        string="Stages Offered",
        compute="_compute_workflow_stage_ids",
        help="The stages the current user may move the task order to (and its "
        "own): the status bar offers only these.",
    )
    rework_count = fields.Integer(
        copy=False,
        readonly=True,
        help="Times the customer was not satisfied and the task order was reopened.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("stage_id", "team_id")
    @api.depends_context("uid")
    def _compute_workflow_stage_ids(self):
        stages_by_team = {}
        for ticket in self:
            team = ticket.team_id
            if team not in stages_by_team:
                stages_by_team[team] = team._get_applicable_stages()
            targets = self._workflow_targets_for_user(ticket._workflow_step())
            ticket.workflow_stage_ids = ticket.stage_id | stages_by_team[team].filtered(
                lambda s, targets=targets: self._workflow_step_for_value(s) in targets
            )

    @api.depends("lot_id")
    def _compute_product_id(self):
        for ticket in self.filtered("lot_id"):
            ticket.product_id = ticket.lot_id.product_id

    @api.depends("customer_class", "request_type", "is_urgent", "company_id")
    def _compute_policy_rule_id(self):
        rules = self.env["service.policy.rule"].search(
            [("company_id", "in", [*self.company_id.ids, False])]
        )
        for ticket in self:
            company_rules = rules.filtered(
                lambda r, t=ticket: not r.company_id or r.company_id == t.company_id
            )
            ticket.policy_rule_id = rules._match(
                company_rules,
                ticket.customer_class,
                ticket.request_type,
                ticket.is_urgent,
            )

    @api.depends("policy_rule_id", "warranty_decision")
    def _compute_service_level_mode(self):
        for ticket in self:
            rule = ticket.policy_rule_id
            ticket.service_level = rule.service_level or "3"
            mode = rule.service_mode or "phone"
            if mode in ("on_site", "carry_in", "mail_in") and (
                ticket.warranty_decision == "paid"
                or ticket.request_type == "paid_service"
            ):
                mode = "paid"
            ticket.service_mode = mode

    @api.depends(
        "commercial_partner_id", "lot_id", "product_id", "company_id", "request_type"
    )
    def _compute_duplicate_candidate_ids(self):
        duplicates = self._get_open_duplicates()
        for ticket in self:
            ticket.duplicate_candidate_ids = duplicates.get(ticket, self.browse())

    def _get_open_duplicates(self):
        """Open task orders of the same customer for the same serial number (or
        the same product when there is no serial) within each company's window,
        oldest first: one query for the whole recordset. A complaint repeats
        only an open complaint of the same issue, a service request only an
        open service request: a complaint about a machine under repair is not
        a duplicate of the repair (it is linked to it)."""
        tickets = self.filtered(
            lambda t: t.commercial_partner_id and (t.lot_id or t.product_id)
        )
        if not tickets:
            return {}
        now = fields.Datetime.now()
        since = {
            company: now - datetime.timedelta(days=company.service_duplicate_days)
            for company in tickets.company_id
        }
        candidates = self.search(
            [
                ("commercial_partner_id", "in", tickets.commercial_partner_id.ids),
                ("company_id", "in", tickets.company_id.ids),
                ("stage_id.closed", "=", False),
                ("duplicate_id", "=", False),
                ("received_date", ">=", min(since.values())),
                ("id", "not in", tickets._origin.ids),
            ],
            order="received_date, id",
        )
        result = {}
        for ticket in tickets:
            same = candidates.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and c.company_id == t.company_id
                    and c.received_date >= since[t.company_id]
                    and (c.request_type == "complaint")
                    == (t.request_type == "complaint")
                    and (
                        c.lot_id == t.lot_id
                        if t.lot_id
                        else c.product_id == t.product_id
                    )
                )
            )
            if same:
                result[ticket] = same
        return result

    @api.model
    def _find_duplicates(self, company, partner, product, lot, request_type="repair"):
        """Open task orders a new call of ``partner`` about ``lot`` (or
        ``product``) of ``request_type`` would repeat."""
        probe = self.new(
            {
                "company_id": (company or self.env.company).id,
                "partner_id": partner.id,
                "product_id": product.id,
                "lot_id": lot.id,
                "request_type": request_type or "repair",
            }
        )
        return probe._get_open_duplicates().get(probe, self.browse())

    @api.depends("product_id")
    def _compute_knowledge_article_count(self):
        groups = self.env["service.knowledge.article"]._read_group(
            [("product_id", "in", self.product_id.ids)], ["product_id"], ["__count"]
        )
        counts = {product.id: count for product, count in groups}
        for ticket in self:
            ticket.knowledge_article_count = counts.get(ticket.product_id.id, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # before helpdesk_mgmt reads the values
        for vals in vals_list:
            self._check_input_values(vals)
            # the portal token the creation message's e-mail needs: given now,
            # not written afterwards through every write override and tracking
            if not vals.get("access_token"):
                vals["access_token"] = str(uuid.uuid4())
        tickets = super().create(vals_list)
        tickets._check_no_duplicate()
        return tickets

    def write(self, vals):
        self._check_input_values(vals)
        if {"satisfaction", "satisfaction_comment"} & set(vals):
            self._check_satisfaction_recorder()
            vals = {**vals, "satisfaction_user_id": self.env.uid}
        diagnosed = self.browse()
        if html2plaintext(vals.get("diagnosis_steps") or "").strip():
            diagnosed = self.filtered(lambda t: not t.diagnosis_done_date)
        result = super().write(vals)
        if diagnosed:
            diagnosed.diagnosis_done_date = fields.Datetime.now()
        if "stage_id" in vals:
            self._stamp_hand_offs()
        return result

    def _stamp_hand_offs(self):
        """Time-stamp the hand-offs the stage change stands for."""
        now = fields.Datetime.now()
        steps = {ticket: ticket._workflow_step() for ticket in self}
        moving_on = self.filtered(lambda t: steps[t] != "intake")
        moving_on.filtered(lambda t: not t.intake_done_date).intake_done_date = now
        with_technician = moving_on.filtered(
            lambda t: steps[t] in ("diagnosis", "service", "confirmation")
        )
        with_technician.filtered(lambda t: not t.handoff_date).handoff_date = now
        # the service record reached the repair coordinator, or its service
        # started without one
        moving_on.filtered(
            lambda t: (
                steps[t] in ("repair_coordination", "service")
                and not t.repair_handoff_date
            )
        ).repair_handoff_date = now

    def copy(self, default=None):
        default = dict(default or {}, duplicate_confirmed=True)
        return super().copy(default)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _get_intake_required_fields(self):
        """Fields a task order needs before it leaves the intake stage, for its
        request type. Override to add fields."""
        self.ensure_one()
        common = ["partner_id", "channel_id", "request_type"]
        machine = ["product_id", "purchase_date", "fault_symptoms"]
        if self.product_id.tracking in ("serial", "lot"):
            machine.append("lot_id")
        per_type = {
            "repair": [*machine, "working_conditions", "fault_date"],
            "consultation": [],
            "complaint": [],
            "return_exchange": [*machine, "sale_order_id", "fault_date"],
            "paid_service": [*machine, "working_conditions"],
        }
        return common + per_type.get(self.request_type, [])

    def _check_intake_complete(self):
        for ticket in self:
            missing = [
                ticket._fields[name].get_description(self.env)["string"]
                for name in ticket._get_intake_required_fields()
                if not ticket[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Task order %(number)s (%(type)s) is not complete. "
                        "Fill in: %(fields)s.",
                        number=ticket.number,
                        type=dict(
                            ticket._fields["request_type"]._description_selection(
                                self.env
                            )
                        )[ticket.request_type],
                        fields=", ".join(missing),
                    )
                )

    def _check_no_duplicate(self):
        """Refuse a task order that repeats an open one, unless confirmed. A
        complaint is never refused: a customer complaining again while the
        first complaint is open is a repeat the repeat rule counts; the open
        complaint is shown among the possible duplicates, to merge into."""
        to_check = self.filtered(
            lambda t: (
                not t.duplicate_confirmed
                and not t.duplicate_id
                and t.request_type != "complaint"
            )
        )
        duplicates = to_check._get_open_duplicates()
        for ticket, same in duplicates.items():
            raise UserError(
                self.env._(
                    "Task order %(existing)s is already open for this customer "
                    'and %(what)s. Add this call to it, or tick "Not a '
                    'Duplicate" if it is another problem.',
                    existing=same[0].display_name,
                    what=ticket.lot_id.name or ticket.product_id.display_name,
                )
            )

    def _check_technician_assigned(self):
        """A task order handed on to diagnosis or service has its hotline
        technician (complaints are handled by the complaint group)."""
        technicians = self.env.ref(TECHNICIAN)
        without = self.filtered(
            lambda t: (
                t.request_type != "complaint"
                and technicians not in t.user_id.sudo().groups_id
            )
        )
        if without:
            raise UserError(
                self.env._(
                    "Assign a hotline technician to %(tickets)s before handing it on.",
                    tickets=", ".join(without.mapped("number")),
                )
            )

    def _check_diagnosis_recorded(self):
        """After a phone diagnosis: its steps are recorded."""
        self._check_technician_assigned()
        for ticket in self:
            if not html2plaintext(ticket.diagnosis_steps or "").strip():
                raise UserError(
                    self.env._(
                        "Record the diagnosis steps of %(number)s before handing it "
                        "on.",
                        number=ticket.number,
                    )
                )

    def _check_solution_recorded(self):
        """Solved: the solution (and, for phone guidance, the diagnosis steps)
        is recorded; complaints have their own conditions (the complaint file)."""
        for ticket in self:
            if (
                ticket.service_mode == "phone"
                and ticket.request_type != "complaint"
                and not html2plaintext(ticket.diagnosis_steps or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Record the diagnosis steps of %(number)s before closing it.",
                        number=ticket.number,
                    )
                )
            if not html2plaintext(ticket.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Record the solution of %(number)s before closing it.",
                        number=ticket.number,
                    )
                )

    def _check_ready_to_close(self):
        """What closing needs before the customer is asked: the solution
        (complaints add their own conditions, in the complaint file)."""
        self._check_solution_recorded()

    def _check_can_close(self):
        """Closing (done): ready to close, and the customer's satisfaction
        answer recorded by customer service (or its documented exception)."""
        self._check_ready_to_close()
        owing = self.filtered(
            lambda t: not t._satisfaction_not_owed() and t.satisfaction not in SATISFIED
        )
        if owing:
            raise UserError(
                self.env._(
                    "Customer service records the customer's satisfaction with "
                    "%(tickets)s before it is closed (Customer Satisfaction); a "
                    "customer who is not satisfied reopens it.",
                    tickets=", ".join(owing.mapped("number")),
                )
            )

    def _satisfaction_not_owed(self):
        """The documented exceptions where nobody can be asked (an anonymous
        complaint); extended by the complaint file."""
        self.ensure_one()
        return False

    def _check_reopened(self):
        """Reopening: only on the customer's "not satisfied" answer."""
        not_reopened = self.filtered(lambda t: t.satisfaction != "not_satisfied")
        if not_reopened:
            raise UserError(
                self.env._(
                    "%(tickets)s is reopened only when the customer is not satisfied: "
                    "record the answer with Customer Satisfaction.",
                    tickets=", ".join(not_reopened.mapped("number")),
                )
            )

    def _check_satisfaction_recorder(self):
        """Customer service (the desk) records the customer's satisfaction,
        never the technician who did the work."""
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group(DESK):
            raise UserError(
                self.env._("Only customer service records the customer's satisfaction.")
            )
        own = self.filtered(lambda t: t.user_id == user)
        if own:
            raise UserError(
                self.env._(
                    "%(tickets)s: customer service asks the customer's satisfaction, "
                    "not the technician who did the work (%(user)s).",
                    tickets=", ".join(own.mapped("number")),
                    user=user.name,
                )
            )

    # ------------------------------------------------------------------
    # Actions: hand-offs
    # ------------------------------------------------------------------
    def _move_to_step(self, step, vals=None):
        """Move to the team's stage of ``step``, writing ``vals`` with the move
        (the move's guard sees them)."""
        for ticket in self:
            stage = ticket.team_id._get_stage_for_step(step)
            if not stage:
                raise UserError(
                    self.env._(
                        "No stage stands for the step %(step)s; a service manager "
                        "sets it on a stage in Configuration > Stages.",
                        step=dict(SERVICE_STEPS).get(step, step),
                    )
                )
            ticket.write({**(vals or {}), "stage_id": stage.id})

    def action_submit_intake(self):
        """Phone agent: the intake is complete, hand it to the coordinator."""
        self._move_to_step("coordination")
        return True

    def action_hand_to_technician(self):
        """Information coordinator: hand the task order to its technician."""
        self._move_to_step("diagnosis")
        return True

    def action_hand_to_repair_coordinator(self):
        """Hotline technician, after the phone diagnosis: the service record
        goes to the repair coordinator."""
        self._move_to_step("repair_coordination")
        return True

    def action_record_response(self):
        """Hotline technician: the customer has been contacted."""
        self.filtered(
            lambda t: not t.first_response_date
        ).first_response_date = fields.Datetime.now()
        return True

    def _start_service(self):
        self.action_record_response()
        self.filtered(lambda t: t.service_step != "service")._move_to_step("service")

    def action_solved(self):
        """Hotline technician: solved, customer service asks the customer."""
        self.action_record_response()
        self._move_to_step("confirmation")
        return True

    def action_close(self):
        """Customer service: ask the customer's satisfaction; satisfied closes
        the task order, not satisfied reopens it."""
        self.ensure_one()
        # say what is missing before the customer is called
        self._check_ready_to_close()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Task Order"),
            "res_model": "service.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _apply_satisfaction(self, satisfaction, comment=False):
        """Close on a satisfied answer; reopen (rework) on a dissatisfied one."""
        now = fields.Datetime.now()
        for ticket in self:
            if satisfaction == "not_satisfied":
                ticket._move_to_step(
                    ticket._get_rework_step(),
                    {
                        **ticket._prepare_rework_vals(),
                        "satisfaction": satisfaction,
                        "satisfaction_comment": comment,
                    },
                )
                ticket.message_post(
                    body=self.env._(
                        "The customer is not satisfied: the task order is reopened "
                        "(rework %(count)s).",
                        count=ticket.rework_count,
                    )
                )
                continue
            ticket.action_record_response()
            ticket._move_to_step(
                "done",
                {
                    "satisfaction": satisfaction,
                    "satisfaction_comment": comment,
                    "resolved_date": now,
                },
            )
            ticket._close_sla_activities()

    def _prepare_rework_vals(self):
        """The values that reopen the task order for a rework."""
        self.ensure_one()
        return {"rework_count": self.rework_count + 1, "resolved_date": False}

    def _get_rework_step(self):
        """The step a reopened task order goes back to."""
        self.ensure_one()
        return "diagnosis"

    # ------------------------------------------------------------------
    # Actions: duplicates and knowledge
    # ------------------------------------------------------------------
    def action_link_to_duplicate(self):
        """Keep one record: this task order becomes a duplicate of the open one."""
        self.ensure_one()
        original = self.duplicate_candidate_ids[:1]
        if not original:
            raise UserError(self.env._("No open task order to link this one to."))
        original._add_call_from(self.partner_id, self.description)
        cancel_stage = (
            self.company_id.helpdesk_mgmt_duplicate_ticket_stage_id
            or self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
                raise_if_not_found=False,
            )
            or self.team_id._get_applicable_stages().filtered("closed")[-1:]
        )
        # linking a duplicate cancels it: a move of the desk, not the manager's
        # cancelling (the table's groups are skipped, its guards are not)
        self.check_access("write")
        self.sudo().write({"duplicate_id": original.id, "stage_id": cancel_stage.id})
        return original._get_form_action()

    def _add_call_from(self, caller, body):
        """Record on this task order that ``caller`` reported the problem again."""
        self.ensure_one()
        self.message_subscribe(caller.ids)
        self.message_post(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._("Reported again by %(caller)s.", caller=caller.display_name),
                Markup(body or ""),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    @api.readonly
    def action_view_knowledge(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.service_knowledge_article_action"
        )
        action["context"] = {
            "search_default_product_id": self.product_id.id,
            "default_product_id": self.product_id.id,
        }
        return action

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }
