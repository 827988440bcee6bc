# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, freeze_time, tagged

from .common import SalesLifecycleCommon


@tagged("post_install", "-at_install")
class TestOrderMilestones(SalesLifecycleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-01 09:00:00"):
            cls.order = cls._signed_order()
            cls.order.date_order = "2026-03-01 09:00:00"
            cls.order.action_confirm()
        cls.milestones = {m.kind: m for m in cls.order.milestone_ids}

    def test_milestones_planned_from_the_delivery_date(self):
        self.assertEqual(
            list(self.milestones),
            [
                "contract_signed",
                "production_planned",
                "quality_passed",
                "shipped",
                "delivered",
                "accepted",
            ],
        )
        planned = {kind: m.planned_date for kind, m in self.milestones.items()}
        self.assertEqual(planned["delivered"], date(2026, 3, 20))
        self.assertEqual(planned["shipped"], date(2026, 3, 17))
        self.assertEqual(planned["quality_passed"], date(2026, 3, 15))
        self.assertEqual(planned["production_planned"], date(2026, 3, 3))
        self.assertEqual(planned["accepted"], date(2026, 3, 27))
        self.assertEqual(self.milestones["shipped"].user_id, self.salesman)
        # signed before confirmation: the first milestone is already reached
        self.assertEqual(
            self.milestones["contract_signed"].actual_date, date(2026, 3, 3)
        )

    def test_late_milestones_are_flagged(self):
        shipped = self.milestones["shipped"]
        Milestone = self.env["sale.order.milestone"]
        with freeze_time("2026-03-17"):
            shipped.invalidate_recordset(["is_late"])
            self.assertFalse(shipped.is_late)
        with freeze_time("2026-03-18"):
            shipped.invalidate_recordset(["is_late"])
            self.assertTrue(shipped.is_late)
            late = Milestone.search(
                [("order_id", "=", self.order.id), ("is_late", "=", True)]
            )
            self.assertIn(shipped, late)
            self.assertNotIn(self.milestones["delivered"], late)
            self.order.invalidate_recordset(["milestone_late_count"])
            self.assertEqual(self.order.milestone_late_count, 3)
            self.assertIn(
                self.order,
                self.env["sale.order"].search([("milestone_ids.is_late", "=", True)]),
            )
        # reached late stays late; reached on time is not late
        shipped.actual_date = date(2026, 3, 19)
        self.milestones["quality_passed"].actual_date = date(2026, 3, 15)
        with freeze_time("2026-04-30"):
            (shipped | self.milestones["quality_passed"]).invalidate_recordset(
                ["is_late"]
            )
            self.assertTrue(shipped.is_late)
            self.assertFalse(self.milestones["quality_passed"].is_late)
            not_late = Milestone.search(
                [("order_id", "=", self.order.id), ("is_late", "=", False)]
            )
            self.assertEqual(
                not_late.mapped("kind"), ["contract_signed", "quality_passed"]
            )

    def test_reaching_a_milestone(self):
        with freeze_time("2026-03-02"):
            self.milestones["production_planned"].with_user(
                self.salesman
            ).action_reach()
        self.assertEqual(
            self.milestones["production_planned"].actual_date, date(2026, 3, 2)
        )
        self.assertFalse(self.milestones["production_planned"].is_late)


@tagged("post_install", "-at_install")
class TestShippingNotice(SalesLifecycleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.env.ref("stock.stock_location_stock"), 5
        )
        cls.order = cls._approved_order()
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids

    def _prepare_notice(self):
        """Logistics reserved the goods and planned the transport."""
        self.picking.action_assign()
        self.picking.write(
            {
                "shipping_date": "2026-03-16 02:00:00",
                "expected_arrival_date": "2026-03-19",
                "shipping_carrier": "Deppon Logistics",
                "shipping_tracking_ref": "DPK202603160042",
                "shipping_tracking_url": "https://track.example.com/DPK202603160042",
            }
        )

    def _ship(self, moment="2026-03-16 10:00:00"):
        self.picking.action_assign()
        self.picking.move_ids.quantity = 1
        self.picking.move_ids.picked = True
        with freeze_time(moment):
            self.picking.button_validate()

    def _send_notice(self, user):
        action = self.picking.with_user(user).action_send_shipping_notice()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        ).save()
        composer._action_send_mail()
        return composer

    def test_shipping_marks_the_milestone(self):
        self._prepare_notice()
        self._ship()
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(str(self.picking.shipping_date), "2026-03-16 10:00:00")
        shipped = self.order.milestone_ids.filtered(lambda m: m.kind == "shipped")
        self.assertEqual(shipped.actual_date, date(2026, 3, 16))

    def test_shipped_before_8_in_shanghai_is_that_day(self):
        """Shipped on 17 March at 07:30 in Shanghai (16 March 23:30 UTC): the
        milestone is reached on the local 17 March."""
        self.env.company.partner_id.tz = "Asia/Shanghai"
        self._prepare_notice()
        self._ship("2026-03-16 23:30:00")
        shipped = self.order.milestone_ids.filtered(lambda m: m.kind == "shipped")
        self.assertEqual(shipped.actual_date, date(2026, 3, 17))

    def test_the_planned_ship_date_is_the_scheduled_date(self):
        self.picking.action_assign()
        self.assertEqual(self.picking.shipping_date, self.picking.scheduled_date)

    def test_incomplete_notice_is_refused(self):
        self.picking.action_assign()
        with self.assertRaisesRegex(
            UserError, "Expected Arrival.*Carrier.*Tracking Number"
        ):
            self.picking.action_send_shipping_notice()

    def test_the_notice_goes_out_before_the_goods_leave(self):
        self._prepare_notice()
        self._ship()
        # shipped without a notice: too late for one
        with self.assertRaisesRegex(UserError, "before the goods leave"):
            self.picking.with_user(self.salesman).action_send_shipping_notice()

    def test_a_delivery_not_ready_sends_no_notice(self):
        self.picking.do_unreserve()
        self.picking.write(
            {
                "expected_arrival_date": "2026-03-19",
                "shipping_carrier": "Deppon Logistics",
                "shipping_tracking_ref": "DPK202603160042",
            }
        )
        self.assertNotEqual(self.picking.state, "assigned")
        with self.assertRaisesRegex(UserError, "ready"):
            self.picking.with_user(self.salesman).action_send_shipping_notice()

    def test_shipping_notice_email_before_shipping(self):
        self._prepare_notice()
        self.assertEqual(self.picking.state, "assigned")
        composer = self._send_notice(self.salesman)
        self.assertIn(self.customer, composer.partner_ids)
        self.assertTrue(self.picking.shipping_notice_date)
        message = self.picking.message_ids[0]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn(self.order.name, message.subject)
        for expected in (
            "Deppon Logistics",
            "DPK202603160042",
            "https://track.example.com/DPK202603160042",
            "03/16/2026",
            "03/19/2026",
            "ready to ship",
        ):
            self.assertIn(expected, message.body)
        # shipped: the notice may be sent again (a correction)
        self._ship()
        self.picking.shipping_tracking_ref = "DPK202603160043"
        self._send_notice(self.salesman)
        self.assertIn("DPK202603160043", self.picking.message_ids[0].body)

    def test_logistics_copy_shows_address_terms_and_planned_dates(self):
        incoterm = self.env.ref("account.incoterm_FCA")
        order = self._create_order()
        order.write(
            {
                "incoterm": incoterm.id,
                "incoterm_location": "Luoyang",
                "partner_shipping_id": self.customer.id,
            }
        )
        order.action_confirm_requirements()
        order.action_contract_submit()
        order.with_user(self.reviewer).action_contract_approve()
        self._fill_signatures(order)
        order.action_contract_sign()
        order.action_confirm()
        order.picking_ids.write(
            {
                "shipping_date": "2026-03-20 01:00:00",
                "expected_arrival_date": "2026-03-23",
            }
        )
        copy = (
            self.env["sale.contract.copy"]
            .with_user(self.logistics)
            .search(
                [
                    ("order_ref", "=", order.name),
                    ("department_id", "=", self.logistics_department.id),
                ]
            )
        )
        self.assertEqual(len(copy), 1)
        self.assertEqual(copy.partner_shipping_id, self.customer)
        self.assertEqual(copy.incoterm_id, incoterm)
        self.assertEqual(copy.incoterm_location, "Luoyang")
        self.assertEqual(str(copy.planned_ship_date), "2026-03-20 01:00:00")
        self.assertEqual(copy.expected_arrival_date, date(2026, 3, 23))
        self.assertTrue(copy.partner_shipping_id.contact_address)


@tagged("post_install", "-at_install")
class TestShippingNoticePortal(SalesLifecycleCommon, HttpCase):
    def test_customer_sees_the_notice_on_the_order_portal_page(self):
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.env.ref("stock.stock_location_stock"), 5
        )
        order = self._approved_order()
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        picking.write(
            {
                "expected_arrival_date": "2026-03-19",
                "shipping_carrier": "Deppon Logistics",
                "shipping_tracking_ref": "DPK202603160042",
                "shipping_tracking_url": "https://track.example.com/DPK202603160042",
            }
        )
        page = self.url_open(order.get_portal_url()).text
        self.assertNotIn("DPK202603160042", page, "no notice sent yet")
        picking.shipping_notice_date = "2026-03-16 11:00:00"
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("DPK202603160042", page)
        self.assertIn("https://track.example.com/DPK202603160042", page)
        self.assertIn("Deppon Logistics", page)
