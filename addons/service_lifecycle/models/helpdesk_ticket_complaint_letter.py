# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

REPLY_LETTER_REPORT = "service_lifecycle.helpdesk_ticket_action_report_reply_letter"


class HelpdeskTicket(models.Model):
    """Two rules of the complaint file from a second reading of the sources:

    - the reply letter (公开信 / 回复函): a complaint whose complainant (or the
      superior department) only asked for a written reply gets a letter,
      printed from the complaint, attached to it (对投诉人没留下姓名或上级部门只要求
      复函的投诉 … 应将复函情况附在投诉表后) and sent to the customer or logged;
    - one record per issue across departments (对同一问题多次投诉(指投诉人向不同
      部门投诉),应作一次记录): the same complaint received by another department
      is merged into the first one (``action_link_to_duplicate``), which keeps
      the departments involved; the copy does not count as a repeat."""

    _inherit = "helpdesk.ticket"

    complaint_received_department_id = fields.Many2one(
        "hr.department",
        string="Received By",
        compute="_compute_complaint_received_department_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The department the complainant went to: by default the department "
        "of whoever recorded the complaint.",
    )
    complaint_department_ids = fields.Many2many(
        "hr.department",
        "helpdesk_ticket_complaint_department_rel",
        "ticket_id",
        "department_id",
        string="Departments Involved",
        copy=False,
        help="Every department the complainant went to with this issue: copies "
        "received by other departments are merged into this one record.",
    )
    complaint_reply_letter_date = fields.Datetime(
        string="Reply Letter Sent", copy=False, readonly=True
    )
    complaint_letter_date = fields.Date(
        string="Letter Date",
        compute="_compute_complaint_letter_date",
        help="Today in the company's time zone: the date the letter bears.",
    )

    @api.depends("request_type")
    def _compute_complaint_received_department_id(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        (self - complaints).complaint_received_department_id = False
        todo = complaints.filtered(lambda t: not t.complaint_received_department_id)
        if not todo:
            return
        # the department of whoever records the complaint
        todo.complaint_received_department_id = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "=", self.env.uid)], limit=1)
            .department_id
        )

    def _compute_complaint_letter_date(self):
        now = fields.Datetime.now()
        for ticket in self:
            company = ticket.company_id or self.env.company
            ticket.complaint_letter_date = company._local_day(now)

    # ------------------------------------------------------------------
    # One record per issue across departments
    # ------------------------------------------------------------------
    def _complaint_is_department_copy(self, original):
        """Whether this complaint, merged into ``original``, is the same
        complaint sent to another department (one record, not a repeat)."""
        self.ensure_one()
        received = self.complaint_received_department_id
        return bool(
            self.request_type == "complaint"
            and received
            and received != original.complaint_received_department_id
        )

    def action_link_to_duplicate(self):
        """A complaint merged into the open one: the open one keeps the
        departments the complainant went to."""
        self.ensure_one()
        original = self.duplicate_candidate_ids[:1]
        departments = (
            self.complaint_received_department_id | self.complaint_department_ids
        )
        action = super().action_link_to_duplicate()
        if self.request_type == "complaint" and original and departments:
            original.complaint_department_ids |= (
                departments | original.complaint_received_department_id
            )
        return action

    # ------------------------------------------------------------------
    # The reply letter
    # ------------------------------------------------------------------
    def _check_reply_letter_ready(self):
        self._ensure_complaints()
        for ticket in self:
            if not html2plaintext(ticket.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Record the solution of complaint %(number)s first: the "
                        "reply letter tells the customer how it was solved.",
                        number=ticket.number,
                    )
                )

    def action_complaint_reply_letter(self):
        """Complaint group: print the reply letter in the addressee's language,
        attach it to the complaint as its written reply, and send it to the
        customer by e-mail (or log it, to be posted, without an address)."""
        self._check_reply_letter_ready()
        report = self.env["ir.actions.report"]
        for ticket in self:
            lang = ticket.partner_id.lang or self.env.lang
            content, _kind = report.with_context(lang=lang)._render_qweb_pdf(
                REPLY_LETTER_REPORT, ticket.ids
            )
            name = ticket.with_context(lang=lang).env._(
                "Reply Letter %(number)s.pdf", number=ticket.number
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                    "mimetype": "application/pdf",
                }
            )
            ticket.write(
                {
                    "complaint_reply_attachment_ids": [(4, attachment.id)],
                    "complaint_reply_letter_date": fields.Datetime.now(),
                }
            )
            email = not ticket.complaint_anonymous and ticket.partner_id.email
            # the customer reads the message in their language
            body = (
                ticket.with_context(lang=lang).env._(
                    "Please find attached our reply letter to your complaint "
                    "%(number)s.",
                    number=ticket.number,
                )
                if email
                else self.env._("Reply letter attached, to be posted.")
            )
            ticket.message_post(
                body=body,
                attachment_ids=attachment.ids,
                partner_ids=ticket.partner_id.ids if email else [],
                message_type="comment",
                subtype_xmlid="mail.mt_comment" if email else "mail.mt_note",
            )
        return True
