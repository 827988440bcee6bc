# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .service_complaint_group import COMPLAINT_SEVERITIES, DEFAULT_SEVERITY_RULES


class HelpdeskTicket(models.Model):
    """Complaint handling on the task order: the complaint group, first-contact
    ownership and hand-over, investigation, measures, the reply and solution
    deadlines, the callback owed after the solution, closing, and the review of
    repeated complaints as important complaints."""

    _inherit = "helpdesk.ticket"

    complaint_severity = fields.Selection(
        COMPLAINT_SEVERITIES,
        string="Severity",
        compute="_compute_complaint_severity",
        store=True,
        readonly=False,
        tracking=True,
        help="Decides who of the complaint group handles the complaint and calls "
        "back, and its reply and solution deadlines.",
    )
    complaint_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The complainant gave no name: there is no callback.",
    )
    complaint_reply_only = fields.Boolean(
        string="Written Reply Only",
        tracking=True,
        help="The complainant only asked for a written reply: there is no "
        "callback, the reply must be attached before closing.",
    )
    complaint_group_id = fields.Many2one(
        "service.complaint.group",
        string="Complaint Group",
        compute="_compute_complaint_group_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    complaint_owner_id = fields.Many2one(
        "res.users",
        string="Complaint Owner",
        compute="_compute_complaint_owner_id",
        store=True,
        readonly=True,
        tracking=True,
        help="First-contact responsibility: whoever recorded the complaint owns it "
        "until it is explicitly handed over.",
    )
    complaint_solved_date = fields.Datetime(
        string="Solved",
        copy=False,
        readonly=True,
        help="When the solution that satisfies the customer was recorded.",
    )
    complaint_callback_confirmed = fields.Boolean(
        string="Callback Done",
        copy=False,
        tracking=True,
        help="Confirm that the customer was called back after the solution and is "
        "satisfied.",
    )
    complaint_handler_id = fields.Many2one(
        "res.users",
        string="Handled By",
        compute="_compute_complaint_handler_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Who of the complaint group handles the complaint, from its severity.",
    )
    complaint_source_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complained Task Order",
        compute="_compute_complaint_source_ticket_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain="[('request_type', '!=', 'complaint'), "
        "('commercial_partner_id', '=', commercial_partner_id)]",
        help="The service the customer complains about; proposed from the "
        "customer's latest task order for the same serial number or product.",
    )
    # investigation
    complaint_cause = fields.Selection(
        [
            ("product_quality", "Product Quality"),
            ("repair_quality", "Repair Quality"),
            ("service_attitude", "Service Attitude"),
            ("response_time", "Response Time"),
            ("delivery", "Delivery"),
            ("spare_parts", "Spare Parts"),
            ("charges", "Charges"),
            ("other", "Other"),
        ],
        string="Cause",
        tracking=True,
    )
    complaint_cause_details = fields.Text(
        string="Cause Details", help="What the investigation found, and how."
    )
    complaint_department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        index="btree_not_null",
        tracking=True,
        help="The level-2 department responsible for the cause; the complaint goes "
        "to the complaint group covering it.",
    )
    complaint_employee_id = fields.Many2one(
        "hr.employee",
        string="Responsible Person",
        domain="[('department_id', '=?', complaint_department_id)]",
        tracking=True,
        help="Who caused the problem; costs of fixing it are recorded against them.",
    )
    complaint_evidence_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_complaint_evidence_rel",
        "ticket_id",
        "attachment_id",
        string="Evidence",
        help="Photos, recordings and documents gathered by the investigation.",
    )
    complaint_visit_date = fields.Datetime(string="Site Visit")
    complaint_visit_user_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_complaint_visit_user_rel",
        "ticket_id",
        "user_id",
        string="Visited By",
    )
    complaint_visit_report = fields.Html(
        string="Site Visit Record", help="Who was met, what was seen and agreed."
    )
    complaint_measure_ids = fields.One2many(
        "service.complaint.measure", "ticket_id", string="Measures"
    )
    # closing
    complaint_summary = fields.Html(
        string="Summary", copy=False, help="What happened and how it was solved."
    )
    complaint_preventive_measure = fields.Text(
        string="Preventive Measure",
        copy=False,
        help="What changes so that the problem does not happen again.",
    )
    complaint_reply_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_complaint_reply_rel",
        "ticket_id",
        "attachment_id",
        string="Written Reply",
        copy=False,
        help="The written reply sent to the customer, required to close a "
        "complaint that only asked for one.",
    )
    complaint_progress_date = fields.Datetime(
        string="Last Progress Update", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("request_type")
    def _compute_complaint_severity(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_severity = False
            elif not ticket.complaint_severity:
                ticket.complaint_severity = "general"

    @api.depends("request_type", "company_id", "complaint_department_id")
    def _compute_complaint_group_id(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        (self - complaints).complaint_group_id = False
        if not complaints:
            return
        groups = self.env["service.complaint.group"].search(
            [("company_id", "in", complaints.company_id.ids)]
        )
        for ticket in complaints:
            covering = groups.filtered(
                lambda g, t=ticket: (
                    g.company_id == t.company_id
                    and t.complaint_department_id in g.department_ids
                )
            )[:1]
            if covering:
                ticket.complaint_group_id = covering
            elif not ticket.complaint_group_id:
                ticket.complaint_group_id = ticket._find_complaint_group(groups)

    def _find_complaint_group(self, groups):
        """The group among ``groups`` for this complaint: the one whose members
        include its owner, else the company's first group."""
        self.ensure_one()
        groups = groups.filtered(lambda g: g.company_id == self.company_id)
        user = self.complaint_owner_id or self.env.user
        mine = groups.filtered(
            lambda g: user in (g.member_ids | g.leader_id | g.assistant_id)
        )
        return (mine or groups)[:1]

    @api.depends("request_type")
    def _compute_complaint_owner_id(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_owner_id = False
            elif not ticket.complaint_owner_id:
                # first-contact responsibility: whoever records the complaint
                ticket.complaint_owner_id = self.env.user

    @api.depends("complaint_group_id", "complaint_severity")
    def _compute_complaint_handler_id(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_handler_id = False
            elif ticket.complaint_group_id:
                ticket.complaint_handler_id = ticket._get_complaint_handler()

    @api.depends("request_type", "commercial_partner_id", "lot_id", "product_id")
    def _compute_complaint_source_ticket_id(self):
        complaints = self.filtered(
            lambda t: (
                t.request_type == "complaint"
                and t.commercial_partner_id
                and (t.lot_id or t.product_id)
            )
        )
        (self - complaints).complaint_source_ticket_id = False
        if not complaints:
            return
        candidates = self.search(
            [
                ("commercial_partner_id", "in", complaints.commercial_partner_id.ids),
                ("request_type", "!=", "complaint"),
                ("id", "not in", complaints.ids),
            ],
            order="received_date desc, id desc",
        )
        for ticket in complaints:
            ticket.complaint_source_ticket_id = candidates.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and (
                        c.lot_id == t.lot_id
                        if t.lot_id
                        else c.product_id == t.product_id
                    )
                )
            )[:1]

    # ------------------------------------------------------------------
    # Deadlines: the complaint group's reply and solution times
    # ------------------------------------------------------------------
    @api.depends("complaint_severity", "complaint_group_id")
    def _compute_deadlines(self):
        return super()._compute_deadlines()

    def _get_complaint_severity_rule(self):
        """The complaint group's rule for the complaint's severity (an empty
        record without a group or a rule)."""
        self.ensure_one()
        if not self.complaint_group_id:
            return self.env["service.complaint.group.severity"]
        return self.complaint_group_id._get_severity_rule(
            self.complaint_severity or "general"
        )

    def _get_sla_durations(self):
        """A complaint goes to the complaint group, not to a hotline technician
        (no hand-off); its group's reply and solution times for its severity
        replace the policy rule's."""
        durations = super()._get_sla_durations()
        if self.request_type != "complaint":
            return durations
        durations["handoff"] = None
        severity_rule = self._get_complaint_severity_rule()
        if severity_rule:
            durations.update(
                response=datetime.timedelta(hours=severity_rule.reply_hours),
                resolution=datetime.timedelta(hours=severity_rule.solution_hours),
            )
        return durations

    def _get_sla_clocks(self):
        """A complaint's reply and solution run on its severity rule's clocks
        (clock hours by default: the customer's 24 and 72 hours); without a
        group, on the complaint policy rule's."""
        clocks = super()._get_sla_clocks()
        if self.request_type != "complaint":
            return clocks
        severity_rule = self._get_complaint_severity_rule()
        if severity_rule:
            clocks.update(
                response=severity_rule.reply_clock,
                resolution=severity_rule.solution_clock,
            )
        return clocks

    @api.depends("complaint_solved_date")
    def _compute_sla_states(self):
        return super()._compute_sla_states()

    def _get_sla_done_date(self, kind):
        """A complaint's solution deadline is met when the customer accepted
        the solution."""
        done = super()._get_sla_done_date(kind)
        solved = self.complaint_solved_date
        if kind == "resolution" and solved:
            done = min(done, solved) if done else solved
        return done

    def _deadline_alert_domain(self, kind, level, now):
        domain = super()._deadline_alert_domain(kind, level, now)
        if kind == "resolution":
            domain.append(("complaint_solved_date", "=", False))
        return domain

    def _get_deadline_alert_user(self, kind, level):
        """For a complaint: its group leader is warned, its group's manager
        gets the breaches (after the company's escalation manager)."""
        self.ensure_one()
        group = self.complaint_group_id
        if self.request_type != "complaint" or not group:
            return super()._get_deadline_alert_user(kind, level)
        if level == "warned":
            return group.leader_id or super()._get_deadline_alert_user(kind, level)
        return (
            self.company_id.service_escalation_user_id
            or group.manager_id
            or group.leader_id
            or super()._get_deadline_alert_user(kind, level)
        )

    # ------------------------------------------------------------------
    # CRUD and guards
    # ------------------------------------------------------------------
    def write(self, vals):
        if "complaint_owner_id" in vals and not self.env.context.get(
            "complaint_handover"
        ):
            changed = self.filtered(
                lambda t: t.complaint_owner_id.id != vals["complaint_owner_id"]
            )
            if changed:
                raise UserError(
                    self.env._(
                        "The owner of a complaint changes only by a hand-over: use "
                        "Hand Over on %(tickets)s.",
                        tickets=", ".join(changed.mapped("number")),
                    )
                )
        return super().write(vals)

    def _get_intake_required_fields(self):
        required = super()._get_intake_required_fields()
        if self.request_type == "complaint" and self.complaint_anonymous:
            # an anonymous complainant leaves no name
            required.remove("partner_id")
        return required

    def _check_ready_to_close(self):
        """A complaint also needs its own conditions before it is closed."""
        self.filtered(
            lambda t: t.request_type == "complaint"
        )._check_complaint_can_close()
        return super()._check_ready_to_close()

    def _satisfaction_not_owed(self):
        """An anonymous complainant cannot be asked."""
        return (
            self.request_type == "complaint" and self.complaint_anonymous
        ) or super()._satisfaction_not_owed()

    def _prepare_rework_vals(self):
        """A reopened complaint waits for a new solution and a new callback."""
        vals = super()._prepare_rework_vals()
        if self.request_type == "complaint":
            vals.update(complaint_solved_date=False, complaint_callback_confirmed=False)
        return vals

    def _get_rework_step(self):
        """A reopened complaint goes back to its handling, not to a technician."""
        if self.request_type == "complaint":
            return "service"
        return super()._get_rework_step()

    # ------------------------------------------------------------------
    # Complaints: solving and the callback (hooks used by service_callback)
    # ------------------------------------------------------------------
    def _ensure_complaints(self):
        not_complaints = self.filtered(lambda t: t.request_type != "complaint")
        if not_complaints:
            raise UserError(
                self.env._(
                    "%(tickets)s is not a complaint.",
                    tickets=", ".join(not_complaints.mapped("number")),
                )
            )

    def action_complaint_solved(self):
        """The customer accepted the solution: the solution deadline is met and
        the callback can be planned."""
        self._ensure_complaints()
        for ticket in self:
            if ticket.closed:
                raise UserError(
                    self.env._(
                        "Complaint %(number)s is closed already.", number=ticket.number
                    )
                )
            if not html2plaintext(ticket.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Record the solution of complaint %(number)s before marking "
                        "it solved.",
                        number=ticket.number,
                    )
                )
        todo = self.filtered(lambda t: not t.complaint_solved_date)
        todo.action_record_response()
        todo.complaint_solved_date = fields.Datetime.now()
        for ticket in todo:
            ticket.message_post(
                body=self.env._("The complaint is solved; the customer accepted it.")
            )
        todo.filtered(lambda t: t.service_step != "confirmation")._move_to_step(
            "confirmation"
        )
        todo._complaint_solved_hook()
        return True

    def _complaint_solved_hook(self):
        """Extension point, called on the complaints just marked solved.

        Does nothing here; ``service_callback`` plans the complaint callback."""
        return True

    @api.model
    def _complaint_callback_owed_domain(self):
        """The one definition of "a complaint owed a callback": complaints,
        except anonymous ones and those that only asked for a written reply.
        The close gate, the callback planner and the indicators all use it."""
        return [
            ("request_type", "=", "complaint"),
            ("complaint_anonymous", "=", False),
            ("complaint_reply_only", "=", False),
        ]

    def _complaint_needs_callback(self):
        """The complaints of ``self`` whose closing waits for a callback."""
        return self.filtered_domain(self._complaint_callback_owed_domain())

    def _complaint_callback_done(self):
        """Whether the callback condition of closing is met, as
        ``{ticket_id: bool}``.

        Here it is the manual confirmation ``complaint_callback_confirmed``;
        ``service_callback`` looks for its done complaint callback instead.
        Only asked for the complaints that need a callback."""
        return {ticket.id: ticket.complaint_callback_confirmed for ticket in self}

    def _get_complaint_callback_user(self):
        """The user who must call back, from the complaint's severity and its
        group's roles (assistant, supervisor, manager); the group leader when
        the role is unfilled, the complaint owner without a group. On several
        complaints, all of their users."""
        users = self.env["res.users"]
        for ticket in self:
            users |= ticket._get_complaint_role_user("callback_role")
        return users

    def _get_complaint_handler(self):
        """The user who handles the complaint according to its severity."""
        self.ensure_one()
        return self._get_complaint_role_user("handler_role")

    def _get_complaint_role_user(self, role_field):
        self.ensure_one()
        group = self.complaint_group_id
        if not group:
            return self.complaint_owner_id
        severity = self.complaint_severity or "general"
        rule = group._get_severity_rule(severity)
        if rule:
            role = rule[role_field]
        else:
            handler, callback = DEFAULT_SEVERITY_RULES[severity][:2]
            role = handler if role_field == "handler_role" else callback
        return group._get_role_user(role) or self.complaint_owner_id

    # ------------------------------------------------------------------
    # Complaints: the flow
    # ------------------------------------------------------------------
    def _check_complaint_can_close(self):
        """Refuse to close complaints that miss a condition, naming them all:
        marked solved, every measure done, a summary, a preventive measure, and
        the callback (or, for a written reply only, the reply attached)."""
        if not self:
            return
        needs_callback = self._complaint_needs_callback()
        callback_done = needs_callback._complaint_callback_done()
        _ = self.env._
        for ticket in self:
            missing = []
            if not ticket.complaint_solved_date:
                missing.append(_("mark it solved once the customer accepts a solution"))
            open_measures = ticket.complaint_measure_ids.filtered(
                lambda m: not m.date_done
            )
            if open_measures:
                missing.append(
                    _(
                        "finish the measures %(measures)s",
                        measures=", ".join(open_measures.mapped("name")),
                    )
                )
            if not html2plaintext(ticket.complaint_summary or "").strip():
                missing.append(_("write the summary"))
            if not (ticket.complaint_preventive_measure or "").strip():
                missing.append(_("record the preventive measure"))
            if ticket in needs_callback and not callback_done.get(ticket.id):
                missing.append(_("call the customer back to confirm satisfaction"))
            if (
                ticket.complaint_reply_only
                and not ticket.complaint_reply_attachment_ids
            ):
                missing.append(_("attach the written reply"))
            if missing:
                raise UserError(
                    _(
                        "Complaint %(number)s cannot be closed yet: %(missing)s.",
                        number=ticket.number,
                        missing="; ".join(missing),
                    )
                )

    def action_complaint_reply(self):
        """The complaint group replied to the customer: the reply deadline is met
        and the complaint is being handled."""
        self._ensure_complaints()
        self.action_record_response()
        waiting = self.filtered(
            lambda t: (
                not t.closed and t.service_step in (False, "intake", "coordination")
            )
        )
        waiting._move_to_step("service")
        return True

    def action_complaint_handover(self):
        self.ensure_one()
        self._ensure_complaints()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Over Complaint"),
            "res_model": "service.complaint.handover.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_user_id": (
                    self.complaint_handler_id
                    if self.complaint_handler_id != self.complaint_owner_id
                    else self.env["res.users"]
                ).id,
            },
        }

    def _complaint_can_hand_over(self):
        """The owner, the group leader and service managers hand complaints over."""
        self.ensure_one()
        user = self.env.user
        return (
            user == self.complaint_owner_id
            or user == self.complaint_group_id.leader_id
            or user.has_group("service_lifecycle.group_service_manager")
        )

    def _complaint_hand_over(self, user, reason):
        """Give the first-contact responsibility to ``user``, in the chatter."""
        self._ensure_complaints()
        for ticket in self:
            if not ticket._complaint_can_hand_over():
                raise UserError(
                    self.env._(
                        "Only the owner of complaint %(number)s (%(owner)s), its group "
                        "leader or a service manager can hand it over.",
                        number=ticket.number,
                        owner=ticket.complaint_owner_id.name,
                    )
                )
            if user == ticket.complaint_owner_id:
                raise UserError(
                    self.env._(
                        "%(user)s already owns complaint %(number)s.",
                        user=user.name,
                        number=ticket.number,
                    )
                )
            previous = ticket.complaint_owner_id
            ticket.with_context(complaint_handover=True).complaint_owner_id = user
            ticket.message_subscribe(user.partner_id.ids)
            ticket.message_post(
                body=self.env._(
                    "Complaint handed over from %(previous)s to %(user)s: %(reason)s",
                    previous=previous.name or "-",
                    user=user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_complaint_send_progress(self):
        """Tell the customer how the complaint progresses, from the template."""
        self.ensure_one()
        self._ensure_complaints()
        if self.complaint_anonymous or not self.partner_id.email:
            raise UserError(
                self.env._(
                    "Complaint %(number)s has no customer email to write to.",
                    number=self.number,
                )
            )
        template = self.env.ref("service_lifecycle.mail_template_complaint_progress")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Progress Update"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "complaint_progress_update": True,
            },
        }

    def _message_post_after_hook(self, message, msg_vals):
        if self.env.context.get("complaint_progress_update"):
            self.filtered(
                lambda t: t.request_type == "complaint"
            ).complaint_progress_date = fields.Datetime.now()
        return super()._message_post_after_hook(message, msg_vals)

    @api.readonly
    def action_view_complaint_source(self):
        self.ensure_one()
        return self.complaint_source_ticket_id._get_form_action()
