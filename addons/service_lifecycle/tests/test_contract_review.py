# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SalesLifecycleCommon


@tagged("post_install", "-at_install")
class TestQuotationRequirements(SalesLifecycleCommon):
    def test_requirements_list_what_is_missing(self):
        order = self._create_order(requirements=False)
        with self.assertRaisesRegex(UserError, "Quality Standard.*Acceptance Method"):
            order.action_confirm_requirements()
        self.assertFalse(order.requirements_confirmed)

    def test_quotation_cannot_be_sent_before_requirements(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "Confirm the quotation requirements"):
            order.action_quotation_send()
        with self.assertRaisesRegex(UserError, "Confirm the quotation requirements"):
            order.action_quotation_sent()
        order.action_confirm_requirements()
        self.assertEqual(order.requirements_confirmed_by_id, self.salesman)
        action = order.action_quotation_send()
        self.assertEqual(action["res_model"], "mail.compose.message")

    def test_cost_analysis_required_above_threshold(self):
        small = self._create_order(price=99999.0)
        self.assertFalse(small.cost_analysis_required)
        small.action_confirm_requirements()
        big = self._create_order(quantity=2)
        self.assertTrue(big.cost_analysis_required)
        with self.assertRaisesRegex(UserError, "cost analysis"):
            big.action_confirm_requirements()
        big.write(
            {
                "cost_analysis_file": base64.b64encode(b"cost build-up"),
                "cost_analysis_filename": "cost.xlsx",
            }
        )
        big.action_confirm_requirements()
        self.assertTrue(big.requirements_confirmed)

    def test_threshold_is_configurable(self):
        self.company.cost_analysis_threshold = 0.0
        self.assertFalse(self._create_order(quantity=10).cost_analysis_required)

    def test_changing_a_requirement_asks_for_confirmation_again(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.quality_standard = "Factory standard Q/KT 12"
        self.assertFalse(order.requirements_confirmed)


@tagged("post_install", "-at_install")
class TestContractReview(SalesLifecycleCommon):
    def test_order_cannot_be_confirmed_before_approval(self):
        order = self._create_order()
        order.action_confirm_requirements()
        with self.assertRaisesRegex(UserError, "must be approved by Legal"):
            order.action_confirm()
        order.action_contract_submit()
        with self.assertRaisesRegex(UserError, "must be approved by Legal"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.with_user(self.reviewer).action_contract_approve()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_review_can_be_switched_off_per_company(self):
        self.company.contract_review_required = False
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_submit_needs_confirmed_requirements(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "Confirm the quotation requirements"):
            order.action_contract_submit()
        self.assertEqual(order.contract_state, "draft")

    def test_only_legal_reviewers_approve(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.action_contract_submit()
        with self.assertRaises(AccessError):
            order.action_contract_approve()
        order.with_user(self.reviewer).action_contract_approve()
        self.assertEqual(order.contract_state, "approved")
        self.assertEqual(order.contract_reviewer_id, self.reviewer)
        with self.assertRaisesRegex(UserError, "cannot go from Approved to Approved"):
            order.with_user(self.reviewer).action_contract_approve()

    def test_return_with_remarks_and_resubmit(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.action_contract_submit()
        as_reviewer = order.with_user(self.reviewer)
        action = as_reviewer.action_contract_return()
        with self.assertRaisesRegex(UserError, "Write the remarks"):
            as_reviewer._contract_return("  ")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.reviewer)
            .with_context(**action["context"])
        )
        wizard.remarks = "Cap the liability at the contract amount."
        wizard.save().action_return()
        self.assertEqual(order.contract_state, "returned")
        self.assertEqual(
            order.contract_review_remarks, "Cap the liability at the contract amount."
        )
        order.contract_liability = "Liability capped at the contract amount."
        order.action_contract_submit()
        self.assertEqual(order.contract_state, "review")

    def _flush_tracking(self):
        # each button is its own transaction in the web client: track it
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_every_transition_is_tracked_in_the_chatter(self):
        order = self._create_order()
        order.action_confirm_requirements()
        self._flush_tracking()
        order.action_contract_submit()
        self._flush_tracking()
        order.with_user(self.reviewer).action_contract_approve()
        self._flush_tracking()
        self._fill_signatures(order)
        order.action_contract_sign()
        self._flush_tracking()
        order = order.sudo()
        tracked = order.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "contract_state"
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")),
            sorted(["Legal Review", "Approved", "Copies Distributed"]),
        )
        approval = tracked.filtered(
            lambda t: t.new_value_char == "Approved"
        ).mail_message_id
        self.assertEqual(approval.author_id, self.reviewer.partner_id)
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Wang Jianguo" in (m.body or "")),
            "the signing is written in the chatter with the signatories",
        )

    def test_reviewer_reads_but_cannot_edit_prices(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.action_contract_submit()
        review_form = self.env.ref(
            "service_lifecycle.sale_order_view_form_contract_review"
        )
        with Form(order.with_user(self.reviewer), view=review_form) as form:
            self.assertEqual(form.amount_total, 50000.0)
            self.assertEqual(form.contract_state, "review")
        line = order.order_line.with_user(self.reviewer)
        with self.assertRaises(AccessError):
            line.price_unit = 1.0
        with self.assertRaises(AccessError):
            order.with_user(self.reviewer).write(
                {"order_line": [Command.update(line.id, {"price_unit": 1.0})]}
            )
        with self.assertRaises(AccessError):
            order.with_user(self.reviewer).write({"quality_standard": "None"})
        self.assertEqual(order.order_line.price_unit, 50000.0)

    def test_prices_are_locked_while_in_review(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.action_contract_submit()
        with self.assertRaisesRegex(UserError, "reset it to draft"):
            order.order_line.price_unit = 45000.0
        order.action_contract_reset()
        order.order_line.price_unit = 45000.0
        self.assertEqual(order.amount_untaxed, 45000.0)
        self.assertEqual(order.contract_state, "draft")


@tagged("post_install", "-at_install")
class TestContractSigning(SalesLifecycleCommon):
    def test_signing_needs_the_signed_scan(self):
        order = self._approved_order()
        self._fill_signatures(order, scan=False)
        with self.assertRaisesRegex(UserError, "Signed Contract Scan"):
            order.action_contract_sign()
        self.assertEqual(order.contract_state, "approved")
        self.assertFalse(order.contract_copy_ids)

    def test_signing_needs_approval(self):
        order = self._create_order()
        self._fill_signatures(order)
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Signed"):
            order.action_contract_sign()

    def test_copies_created_for_each_department_on_signing(self):
        order = self._signed_order()
        self.assertEqual(order.contract_state, "distributed")
        copies = order.contract_copy_ids
        self.assertEqual(copies.department_id, self.departments)
        self.assertEqual(len(copies), 4)
        finance_copy = copies.filtered(
            lambda c: c.department_id == self.finance_department
        )
        self.assertEqual(finance_copy.order_ref, order.name)
        self.assertEqual(finance_copy.amount_total, 50000.0)
        self.assertEqual(str(finance_copy.delivery_date), "2026-03-20")
        self.assertEqual(finance_copy.payment_term_id, self.payment_term)
        self.assertEqual(finance_copy.state, "sent")
        self.assertEqual(
            base64.b64decode(finance_copy.signed_scan),
            base64.b64decode(order.contract_signed_scan),
        )
        contract = base64.b64decode(finance_copy.contract_pdf).decode()
        self.assertIn(order.name, contract)
        self.assertIn("GB/T 8097", contract)
        self.assertIn("Wang Jianguo", contract)
        self.assertEqual(order.contract_copy_count, 4)
        self.assertEqual(order.contract_copy_acknowledged_count, 0)

    def test_archived_department_receives_no_copy(self):
        self.logistics_department.active = False
        order = self._signed_order()
        self.assertNotIn(
            self.logistics_department, order.contract_copy_ids.department_id
        )
        self.assertEqual(len(order.contract_copy_ids), 3)

    def test_no_department_configured(self):
        self.departments.active = False
        order = self._approved_order()
        self._fill_signatures(order)
        with self.assertRaisesRegex(UserError, "Contract Departments"):
            order.action_contract_sign()
