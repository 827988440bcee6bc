# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mail intake: real RFC 822 messages to the hotline team's alias become
task orders in intake on the e-mail channel, matched to the customer by
address, with their attachments; the intake gate holds them until complete,
and the customer's reply lands on the same task order."""

from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ServiceDeskCase

HOTLINE = "hotline@kaituo.example.com"


@tagged("post_install", "-at_install")
class TestMailIntake(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "kaituo.example.com"}
        )
        cls.company.alias_domain_id = alias_domain
        cls.team.write({"alias_name": "hotline", "alias_domain_id": alias_domain.id})
        cls.email_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.counter = 0

    def _headers(self, msg, subject, sender=("Wang Farm", "wang@example.com"), **kw):
        type(self).counter += 1
        msg["From"] = formataddr(sender)
        msg["To"] = HOTLINE
        msg["Subject"] = subject
        msg["Date"] = kw.get("date", "Mon, 02 Jun 2025 09:30:00 +0800")
        msg["Message-ID"] = kw.get("message_id", f"<intake-{self.counter}@example.com>")
        for name in ("In-Reply-To", "References"):
            if kw.get(name):
                msg[name] = kw[name]
        return msg

    def _process(self, msg):
        ticket_id = self.env["mail.thread"].message_process(
            False, msg.as_string(), save_original=False
        )
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def _plain(self, body, subject, **kw):
        return self._headers(MIMEText(body, "plain", "utf-8"), subject, **kw)

    def test_plain_message_becomes_a_task_order_in_intake(self):
        ticket = self._process(
            self._plain(
                "The tractor KT-504 does not start since this morning.",
                "Tractor does not start",
            )
        )
        self.assertTrue(ticket)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel_id, self.email_channel)
        self.assertEqual(ticket.partner_id, self.farmer)  # matched by address
        self.assertEqual(ticket.service_step, "intake")
        self.assertEqual(ticket.name, "Tractor does not start")
        self.assertIn("does not start since this morning", ticket.fault_symptoms)
        self.assertIn("does not start since this morning", ticket.description)
        # 09:30 in Shanghai
        self.assertEqual(str(ticket.received_date), "2025-06-02 01:30:00")
        # the completeness gate, as for the phone: it stays in intake
        with self.assertRaisesRegex(UserError, "is not complete"):
            ticket.with_user(self.agent).action_submit_intake()
        self.assertEqual(ticket.service_step, "intake")
        self.assertFalse(ticket.intake_done_date)
        ticket.with_user(self.agent).write(
            {
                "product_id": self.tractor.id,
                "lot_id": self.lot.id,
                "working_conditions": "Ploughing",
                "purchase_date": "2025-03-01",
                "duplicate_confirmed": True,
            }
        )
        ticket.with_user(self.agent).action_submit_intake()
        self.assertEqual(ticket.service_step, "coordination")

    def test_html_message(self):
        msg = MIMEMultipart("alternative")
        msg.attach(MIMEText("Engine overheats", "plain", "utf-8"))
        msg.attach(
            MIMEText(
                "<html><body><p>Engine <b>overheats</b> after an hour</p>"
                "</body></html>",
                "html",
                "utf-8",
            )
        )
        ticket = self._process(self._headers(msg, "Overheating"))
        self.assertEqual(ticket.channel_id, self.email_channel)
        self.assertIn("<b>overheats</b>", ticket.description)
        self.assertIn("overheats", ticket.fault_symptoms)
        self.assertIn("after an hour", ticket.fault_symptoms)

    def test_chinese_message_gb2312_and_utf8(self):
        body = "拖拉机早上无法启动，请尽快派人维修。"  # noqa: RUF001
        msg = MIMEText(body, "plain", "gb2312")
        ticket = self._process(
            self._headers(
                msg,
                Header("拖拉机无法启动", "gb2312").encode(),
                sender=(str(Header("王家农场", "utf-8")), "wang@example.com"),
            )
        )
        self.assertEqual(ticket.name, "拖拉机无法启动")
        self.assertEqual(ticket.partner_id, self.farmer)
        self.assertIn("请尽快派人维修", ticket.fault_symptoms)
        self.assertEqual(ticket.service_step, "intake")
        utf8 = MIMEText("收割机漏油。", "plain", "utf-8")
        other = self._process(
            self._headers(utf8, Header("收割机漏油", "utf-8").encode())
        )
        self.assertEqual(other.name, "收割机漏油")
        self.assertNotEqual(other, ticket)

    def test_attachments_are_kept(self):
        msg = MIMEMultipart("mixed")
        msg.attach(MIMEText("Photo of the broken belt attached.", "plain", "utf-8"))
        photo = MIMEApplication(b"\xff\xd8\xff\xe0fake-jpeg", "jpeg")
        photo.add_header(
            "Content-Disposition", "attachment", filename=("utf-8", "", "皮带.jpg")
        )
        msg.attach(photo)
        ticket = self._process(self._headers(msg, "Broken belt"))
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["皮带.jpg"])
        self.assertEqual(attachments.raw, b"\xff\xd8\xff\xe0fake-jpeg")

    def test_unknown_sender_stays_in_intake_without_customer(self):
        ticket = self._process(
            self._plain(
                "Need a quote", "Quote", sender=("Zhang San", "zhang@example.org")
            )
        )
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.partner_email, "zhang@example.org")
        self.assertEqual(ticket.partner_name, "Zhang San")
        with self.assertRaisesRegex(UserError, "Fill in: Contact"):
            ticket.with_user(self.agent).action_submit_intake()

    def test_reply_lands_on_the_same_task_order(self):
        first = self._plain(
            "Tractor does not start", "No start", message_id="<first@example.com>"
        )
        ticket = self._process(first)
        count = self.env["helpdesk.ticket"].search_count([])
        reply = self._plain(
            "It also smokes when cranking.",
            "Re: No start",
            message_id="<second@example.com>",
            **{
                "In-Reply-To": "<first@example.com>",
                "References": "<first@example.com>",
            },
        )
        again = self._process(reply)
        self.assertEqual(again, ticket)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self.assertIn("It also smokes", ticket.message_ids[0].body)
        self.assertEqual(ticket.message_ids[0].author_id, self.farmer)
