# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime

from markupsafe import Markup

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import ComplaintDeskCase

# Monday 2 June 2025, 09:00 in Shanghai (01:00 UTC); the calendar works
# Mon-Fri 08:00-12:00 and 13:00-17:00.
MONDAY_9 = "2025-06-02 01:00:00"


@tagged("post_install", "-at_install")
class TestComplaintOwnership(ComplaintDeskCase):
    def test_recorder_owns_until_hand_over(self):
        complaint = self._create_complaint(user=self.agent)
        self.assertEqual(complaint.complaint_owner_id, self.agent)
        # someone else editing the complaint does not take it over
        complaint.with_user(self.assistant).complaint_cause = "service_attitude"
        self.assertEqual(complaint.complaint_owner_id, self.agent)
        # nor can the owner simply be overwritten
        with self.assertRaisesRegex(UserError, "hand-over"):
            complaint.with_user(self.group_leader).complaint_owner_id = self.assistant

    def test_hand_over_is_tracked(self):
        complaint = self._create_complaint(user=self.agent)
        action = complaint.with_user(self.agent).action_complaint_handover()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(action["context"])
        )
        # the handler of a general complaint is proposed
        self.assertEqual(wizard.user_id, self.assistant)
        wizard.reason = "The assistant investigates the repair center"
        wizard.save().action_confirm()
        self.assertEqual(complaint.complaint_owner_id, self.assistant)
        note = complaint.message_ids.filtered(lambda m: "handed over" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(self.agent.name, note.body)
        self.assertIn("repair center", note.body)
        self.assertIn(self.assistant.partner_id, complaint.message_partner_ids)

    def test_only_owner_leader_or_manager_hand_over(self):
        complaint = self._create_complaint(user=self.agent)
        other = new_test_user(
            self.env, "cg_other", groups="service_lifecycle.group_complaint_handler"
        )
        with self.assertRaisesRegex(UserError, "Only the owner"):
            complaint.with_user(other)._complaint_hand_over(other, "I take it")
        complaint.with_user(self.group_leader)._complaint_hand_over(
            self.assistant, "Assistant handles it"
        )
        self.assertEqual(complaint.complaint_owner_id, self.assistant)
        complaint.with_user(self.manager)._complaint_hand_over(other, "Back office")
        self.assertEqual(complaint.complaint_owner_id, other)

    def test_department_routes_to_covering_group(self):
        other_leader = new_test_user(
            self.env, "cg_leader2", groups="service_lifecycle.group_complaint_handler"
        )
        sales_dept = self.env["hr.department"].create({"name": "Sales"})
        other_group = self.env["service.complaint.group"].create(
            {
                "name": "Sales Complaints",
                "leader_id": other_leader.id,
                "department_ids": [Command.set(sales_dept.ids)],
            }
        )
        complaint = self._create_complaint(user=self.agent)
        self.assertEqual(complaint.complaint_group_id, self.complaint_group)
        complaint.complaint_department_id = sales_dept
        self.assertEqual(complaint.complaint_group_id, other_group)
        # no assistant in that group: the leader handles general complaints
        self.assertEqual(complaint.complaint_handler_id, other_leader)


@tagged("post_install", "-at_install")
class TestComplaintDeadlines(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.service_escalation_user_id = False
        cls.warning_type = cls.env.ref(
            "service_lifecycle.mail_activity_type_sla_warning"
        )
        cls.breach_type = cls.env.ref("service_lifecycle.mail_activity_type_sla_breach")

    @freeze_time(MONDAY_9)
    def test_reply_and_solution_deadlines_in_clock_hours(self):
        complaint = self._create_complaint(user=self.agent)
        # 24 clock hours: Tuesday 09:00; 72: Thursday 09:00
        self.assertEqual(complaint.response_deadline, datetime(2025, 6, 3, 1, 0))
        self.assertEqual(complaint.resolution_deadline, datetime(2025, 6, 5, 1, 0))
        # a complaint goes to its group, there is no technician hand-off
        self.assertFalse(complaint.handoff_deadline)
        self.assertFalse(complaint.handoff_sla_state)
        self.assertEqual(complaint.sla_state, "on_track")

    @freeze_time(MONDAY_9)
    def test_reply_and_solution_in_working_time_when_the_severity_says_so(self):
        self.complaint_group._get_severity_rule("general").write(
            {"reply_clock": "working", "solution_clock": "working"}
        )
        complaint = self._create_complaint(user=self.agent)
        # 24 working hours: Thursday 09:00; 72: Friday of the next week
        self.assertEqual(complaint.response_deadline, datetime(2025, 6, 5, 1, 0))
        self.assertEqual(complaint.resolution_deadline, datetime(2025, 6, 13, 1, 0))

    @freeze_time("2025-06-06 10:00:00")
    def test_complaint_on_a_friday_evening_before_a_holiday(self):
        # Friday 18:00 in Shanghai; Monday 9 June is a public holiday
        self._add_public_holiday(
            datetime(2025, 6, 8, 16, 0), datetime(2025, 6, 9, 15, 59)
        )
        complaint = self._create_complaint(user=self.agent)
        # replied by Saturday 18:00, solved by Monday 18:00 (the holiday)
        self.assertEqual(complaint.response_deadline, datetime(2025, 6, 7, 10, 0))
        self.assertEqual(complaint.resolution_deadline, datetime(2025, 6, 9, 10, 0))

    @freeze_time(MONDAY_9)
    def test_deadlines_editable_per_severity(self):
        self.complaint_group._get_severity_rule("major").write(
            {
                "reply_hours": 4.0,
                "solution_hours": 16.0,
                "reply_clock": "working",
                "solution_clock": "working",
            }
        )
        complaint = self._create_complaint(complaint_severity="major")
        self.assertEqual(complaint.response_deadline, datetime(2025, 6, 2, 6, 0))
        self.assertEqual(complaint.resolution_deadline, datetime(2025, 6, 4, 1, 0))
        complaint.complaint_severity = "general"
        self.assertEqual(complaint.response_deadline, datetime(2025, 6, 3, 1, 0))

    def test_states_warning_and_escalation(self):
        with freeze_time(MONDAY_9):
            complaint = self._create_complaint()
        # Tuesday 04:00: less than a quarter of the 24 clock hours left
        with freeze_time("2025-06-02 20:00:00"):
            self.env["helpdesk.ticket"]._cron_check_sla()
            self.assertEqual(complaint.response_sla_state, "at_risk")
            warning = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == self.warning_type
            )
            # the complaint group's leader is warned, not the hotline's
            self.assertEqual(warning.user_id, self.group_leader)
        # Tuesday 10:00: the reply deadline is breached
        with freeze_time("2025-06-03 02:00:00"):
            self.env["helpdesk.ticket"]._cron_check_sla()
            self.assertEqual(complaint.response_sla_state, "breached")
            self.assertEqual(complaint.sla_state, "breached")
            breach = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == self.breach_type
            )
            self.assertEqual(breach.user_id, self.manager)

    def test_solved_in_time_meets_the_solution_deadline(self):
        with freeze_time(MONDAY_9):
            complaint = self._create_complaint()
        with freeze_time("2025-06-03 01:00:00"):
            complaint.action_complaint_reply()
            complaint.solution = Markup("<p>New starter fitted</p>")
            complaint.action_complaint_solved()
        self.assertEqual(complaint.response_sla_state, "met")
        self.assertEqual(complaint.resolution_sla_state, "met")
        self.assertEqual(complaint.service_step, "confirmation")
        # the cron leaves a solved complaint alone even after the deadline
        with freeze_time("2025-06-20 01:00:00"):
            self.env["helpdesk.ticket"]._cron_check_sla()
        self.assertFalse(complaint.resolution_sla_alert)

    def test_solved_late_breaches(self):
        with freeze_time(MONDAY_9):
            complaint = self._create_complaint()
            complaint.action_complaint_reply()
        with freeze_time("2025-06-16 01:00:00"):
            complaint.solution = Markup("<p>Replaced the tractor</p>")
            complaint.action_complaint_solved()
        self.assertEqual(complaint.resolution_sla_state, "breached")


@tagged("post_install", "-at_install")
class TestComplaintClosing(ComplaintDeskCase):
    def _ready_complaint(self, **values):
        complaint = self._create_complaint(**values)
        complaint.action_complaint_reply()
        complaint.solution = Markup("<p>Starter replaced, technician apologised</p>")
        return complaint

    def _close(self, complaint, user=None):
        action = complaint.with_user(user or self.assistant).action_close()
        wizard = self.env[action["res_model"]].with_context(action["context"])
        wizard.create({"satisfaction": "satisfied"}).action_confirm()

    def test_every_missing_condition_is_named(self):
        complaint = self._ready_complaint()
        self.env["service.complaint.measure"].create(
            {
                "ticket_id": complaint.id,
                "kind": "apology",
                "name": "Apology visit",
                "user_id": self.assistant.id,
                "date_deadline": date(2025, 6, 5),
            }
        )
        with self.assertRaises(UserError) as error:
            complaint.with_user(self.assistant).action_close()
        message = str(error.exception)
        for condition in (
            "mark it solved",
            "finish the measures Apology visit",
            "write the summary",
            "record the preventive measure",
            "call the customer back",
        ):
            self.assertIn(condition, message)
        self.assertNotIn("written reply", message)

    def test_closing_conditions_one_by_one(self):
        complaint = self._ready_complaint()
        measure = self.env["service.complaint.measure"].create(
            {
                "ticket_id": complaint.id,
                "kind": "improvement",
                "name": "Retrain technician",
                "user_id": self.assistant.id,
                "date_deadline": date(2025, 6, 5),
            }
        )
        complaint.action_complaint_solved()
        complaint.write(
            {
                "complaint_summary": Markup("<p>Starter failed; rude visit</p>"),
                "complaint_preventive_measure": "Starter checked at every service",
                "complaint_callback_confirmed": True,
            }
        )
        with self.assertRaisesRegex(
            UserError, "finish the measures Retrain technician"
        ):
            complaint.action_close()
        measure.action_done()
        complaint.complaint_preventive_measure = False
        with self.assertRaisesRegex(UserError, "record the preventive measure"):
            complaint.action_close()
        complaint.complaint_preventive_measure = "Starter checked at every service"
        complaint.complaint_callback_confirmed = False
        with self.assertRaisesRegex(UserError, "call the customer back"):
            complaint.action_close()
        complaint.complaint_callback_confirmed = True
        self._close(complaint)
        self.assertTrue(complaint.closed)
        self.assertTrue(complaint.resolved_date)

    def test_callback_condition_goes_through_the_hook(self):
        complaint = self._ready_complaint()
        complaint.action_complaint_solved()
        complaint.write(
            {
                "complaint_summary": Markup("<p>Solved</p>"),
                "complaint_preventive_measure": "Check starters",
            }
        )
        # an addon that knows better (service_callback) answers for the callback
        self.patch(
            type(complaint),
            "_complaint_callback_done",
            lambda records: dict.fromkeys(records.ids, True),
        )
        self._close(complaint)
        self.assertTrue(complaint.closed)

    def test_anonymous_needs_no_callback(self):
        complaint = self._ready_complaint(complaint_anonymous=True, partner_id=False)
        complaint.action_complaint_solved()
        complaint.write(
            {
                "complaint_summary": Markup("<p>Anonymous letter about rudeness</p>"),
                "complaint_preventive_measure": "Etiquette training",
            }
        )
        self._close(complaint)
        self.assertTrue(complaint.closed)

    def test_reply_only_needs_the_reply_attached(self):
        complaint = self._ready_complaint(complaint_reply_only=True)
        complaint.action_complaint_solved()
        complaint.write(
            {
                "complaint_summary": Markup("<p>Written reply sent</p>"),
                "complaint_preventive_measure": "Etiquette training",
            }
        )
        with self.assertRaises(UserError) as error:
            complaint.action_close()
        self.assertIn("attach the written reply", str(error.exception))
        self.assertNotIn("call the customer back", str(error.exception))
        reply = self.env["ir.attachment"].create(
            {
                "name": "reply.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 reply"),
                "res_model": "helpdesk.ticket",
                "res_id": complaint.id,
            }
        )
        complaint.complaint_reply_attachment_ids = [Command.set(reply.ids)]
        self._close(complaint)
        self.assertTrue(complaint.closed)

    def test_not_satisfied_reopens_the_complaint(self):
        complaint = self._ready_complaint()
        complaint.action_complaint_solved()
        complaint.write(
            {
                "complaint_summary": Markup("<p>Solved</p>"),
                "complaint_preventive_measure": "Check starters",
                "complaint_callback_confirmed": True,
            }
        )
        action = complaint.action_close()
        self.env[action["res_model"]].with_context(action["context"]).create(
            {"satisfaction": "not_satisfied"}
        ).action_confirm()
        self.assertFalse(complaint.closed)
        self.assertEqual(complaint.rework_count, 1)
        self.assertFalse(complaint.complaint_solved_date)
        self.assertFalse(complaint.complaint_callback_confirmed)
        self.assertEqual(complaint.service_step, "service")

    def test_progress_update_is_sent_and_logged(self):
        complaint = self._ready_complaint()
        action = complaint.with_user(self.assistant).action_complaint_send_progress()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.assistant)
            .with_context(action["context"])
        )
        self.assertIn("progress of your complaint", composer.subject)
        composer.save().action_send_mail()
        message = complaint.message_ids.filtered(
            lambda m: "progress of your complaint" in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.farmer, message.partner_ids)
        self.assertTrue(complaint.complaint_progress_date)
        anonymous = self._create_complaint(complaint_anonymous=True)
        with self.assertRaises(UserError):
            anonymous.action_complaint_send_progress()


@tagged("post_install", "-at_install")
class TestComplaintMeasures(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.complaint_compensation_limit = 1000.0
        cls.complaint = cls._create_complaint()
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Sun Technician", "department_id": cls.department.id}
        )

    def _compensation(self, amount):
        return (
            self.env["service.complaint.measure"]
            .with_user(self.assistant)
            .create(
                {
                    "ticket_id": self.complaint.id,
                    "kind": "compensation",
                    "name": f"Compensation {amount}",
                    "user_id": self.assistant.id,
                    "date_deadline": date(2025, 6, 10),
                    "amount": amount,
                }
            )
        )

    def test_compensation_at_the_limit_needs_no_approval(self):
        measure = self._compensation(1000.0)
        self.assertEqual(measure.approval_state, "not_needed")
        measure.action_done()
        self.assertTrue(measure.date_done)

    def test_compensation_above_the_limit_waits_for_a_manager(self):
        measure = self._compensation(1000.01)
        self.assertEqual(measure.approval_state, "to_approve")
        with self.assertRaisesRegex(UserError, "must approve it first"):
            measure.action_done()
        with self.assertRaisesRegex(UserError, "Only .*Service Manager may move"):
            measure.action_approve()
        with self.assertRaises(UserError):
            measure.write({"approved_amount": 5000.0})
        measure.with_user(self.manager).action_approve()
        self.assertEqual(measure.approval_state, "approved")
        self.assertEqual(measure.approved_by_id, self.manager)
        # raising the amount after the approval asks for a new one
        measure.amount = 1500.0
        self.assertEqual(measure.approval_state, "to_approve")
        measure.with_user(self.manager).action_approve()
        measure.action_done()
        self.assertTrue(measure.date_done)

    def test_cost_recorded_against_the_person_responsible(self):
        self.complaint.write(
            {
                "complaint_department_id": self.department.id,
                "complaint_employee_id": self.employee.id,
            }
        )
        measure = (
            self.env["service.complaint.measure"]
            .with_user(self.assistant)
            .create(
                {
                    "ticket_id": self.complaint.id,
                    "kind": "improvement",
                    "name": "Second visit by another technician",
                    "user_id": self.assistant.id,
                    "date_deadline": date(2025, 6, 10),
                    "cost_amount": 350.0,
                }
            )
        )
        self.assertEqual(measure.cost_employee_id, self.employee)
        self.assertEqual(measure.cost_department_id, self.department)
        [(employee, cost)] = self.env["service.complaint.measure"]._read_group(
            [("cost_employee_id", "!=", False)],
            ["cost_employee_id"],
            ["cost_amount:sum"],
        )
        self.assertEqual((employee, cost), (self.employee, 350.0))


@tagged("post_install", "-at_install")
class TestComplaintRepeats(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Engine Starting"}
        )
        cls.other_category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Technician Behaviour"}
        )

    def _complaint_on(self, day, **values):
        values.setdefault("category_id", self.category.id)
        return self._create_complaint(
            received_date=datetime(2025, 6, day, 2, 0), **values
        )

    def test_second_complaint_in_a_row_is_a_candidate(self):
        first = self._complaint_on(2)
        self.assertEqual(first.complaint_repeat_count, 1)
        self.assertFalse(first.complaint_major_candidate)
        second = self._complaint_on(3)
        self.assertEqual(second.complaint_repeat_count, 2)
        self.assertTrue(second.complaint_major_candidate)
        self.assertIn("2 times in a row", second.complaint_candidate_reason)
        review = second.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("service_lifecycle.mail_activity_type_complaint_review")
            )
        )
        self.assertEqual(review.user_id, self.group_leader)

    def test_another_issue_between_breaks_the_row(self):
        self._complaint_on(2)
        self._complaint_on(3, category_id=self.other_category.id)
        third = self._complaint_on(4)
        self.assertEqual(third.complaint_repeat_count, 1)
        self.assertFalse(third.complaint_major_candidate)
        # another serial number is another issue too
        fourth = self._complaint_on(5, lot_id=self.lot_spare.id)
        self.assertFalse(fourth.complaint_major_candidate)

    def test_threshold_is_configurable(self):
        self.company.complaint_repeat_threshold = 3
        self._complaint_on(2)
        second = self._complaint_on(3)
        self.assertFalse(second.complaint_major_candidate)
        third = self._complaint_on(4)
        self.assertTrue(third.complaint_major_candidate)

    def test_rework_two_is_not_three_is(self):
        repair = self._create_ticket(duplicate_confirmed=True)
        repair.rework_count = 2
        complaint = self._complaint_on(10)
        self.assertEqual(complaint.complaint_source_ticket_id, repair)
        self.assertFalse(complaint.complaint_major_candidate)
        repair.rework_count = 3
        self.assertTrue(complaint.complaint_major_candidate)
        self.assertIn("reworked 3 times", complaint.complaint_candidate_reason)

    def test_review_decision_is_recorded(self):
        self._complaint_on(2)
        second = self._complaint_on(3)
        office = new_test_user(
            self.env, "quality_office", groups="service_lifecycle.group_quality_office"
        )
        # the group check is the review's transition table (the mixin's message)
        with self.assertRaisesRegex(UserError, "(?i)quality office"):
            second.with_user(self.assistant).action_complaint_review_important()
        with self.assertRaisesRegex(UserError, "reasons"):
            second.with_user(office).action_complaint_review_important()
        second.complaint_review_note = "Same starter failed twice within a month"
        second.with_user(office).action_complaint_review_important()
        # reviewed as 重要 (the middle level, supervisor), not 重大
        self.assertEqual(second.complaint_review_state, "important")
        self.assertEqual(second.complaint_severity, "important")
        self.assertEqual(second.complaint_reviewer_id, office)
        self.assertFalse(
            second.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref(
                        "service_lifecycle.mail_activity_type_complaint_review"
                    )
                )
            )
        )
        # the supervisor (the group leader) now handles and calls back
        self.assertEqual(second._get_complaint_callback_user(), self.group_leader)
        self.assertEqual(second.complaint_handler_id, self.group_leader)

    def test_a_major_complaint_stays_major_when_reviewed_important(self):
        self._complaint_on(2)
        second = self._complaint_on(3, complaint_severity="major")
        office = new_test_user(
            self.env, "quality_office", groups="service_lifecycle.group_quality_office"
        )
        second.complaint_review_note = "Already major"
        second.with_user(office).action_complaint_review_important()
        self.assertEqual(second.complaint_severity, "major")

    def test_complaint_on_a_machine_under_repair_is_linked_not_refused(self):
        repair = self._create_ticket(user=self.agent)
        complaint = self._create_complaint(user=self.agent, duplicate_confirmed=False)
        self.assertEqual(complaint.request_type, "complaint")
        self.assertEqual(complaint.complaint_source_ticket_id, repair)
        self.assertFalse(complaint.duplicate_candidate_ids)
        # and a new repair call is still a duplicate of the open repair only
        self.assertEqual(
            self.env["helpdesk.ticket"]._find_duplicates(
                self.company, self.farmer, self.tractor, self.lot
            ),
            repair,
        )
        with self.assertRaisesRegex(UserError, repair.number):
            self._create_ticket(user=self.agent)

    @freeze_time("2025-06-04 02:00:00")
    def test_repeat_complaint_while_the_first_is_open_is_recorded(self):
        first = self._complaint_on(2, user=self.agent, duplicate_confirmed=False)
        second = self._complaint_on(3, user=self.agent, duplicate_confirmed=False)
        self.assertFalse(first.closed)
        # the open complaint of the same issue is shown, the repeat is counted
        self.assertEqual(second.duplicate_candidate_ids, first)
        self.assertEqual(second.complaint_repeat_count, 2)
        self.assertTrue(second.complaint_major_candidate)
        self.assertTrue(
            second.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref(
                        "service_lifecycle.mail_activity_type_complaint_review"
                    )
                )
            )
        )

    @freeze_time("2025-06-04 02:00:00")
    def test_repeat_complaint_merged_into_the_open_one_is_counted(self):
        first = self._complaint_on(2, user=self.agent, duplicate_confirmed=False)
        second = self._complaint_on(3, user=self.agent, duplicate_confirmed=False)
        second.with_user(self.agent).action_link_to_duplicate()
        self.assertEqual(second.duplicate_id, first)
        # one record for the issue, with the repeat counted on it
        self.assertEqual(first.complaint_repeat_count, 2)
        self.assertTrue(first.complaint_major_candidate)
        self.assertIn("2 times in a row", first.complaint_candidate_reason)
        self.assertEqual(
            first.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref(
                        "service_lifecycle.mail_activity_type_complaint_review"
                    )
                )
            ).user_id,
            self.group_leader,
        )


@tagged("post_install", "-at_install")
class TestComplaintSummary(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paint = cls.env["hr.department"].create({"name": "Paint Shop"})
        cls.harvester = cls.env["product.product"].create(
            {"name": "Harvester KT-300", "type": "consu"}
        )
        # June 2025: four complaints; one solved within its deadline, one late,
        # two open. One in July and one of another request type stay out.
        specs = [
            (2, "product_quality", cls.department, cls.tractor, 3),
            (3, "product_quality", cls.department, cls.harvester, 20),
            (10, "service_attitude", cls.paint, cls.harvester, None),
            (20, "product_quality", cls.paint, cls.tractor, None),
        ]
        cls.june = cls.env["helpdesk.ticket"]
        for day, cause, department, product, solved_day in specs:
            with freeze_time(datetime(2025, 6, day, 1, 0)):
                complaint = cls._create_complaint(
                    complaint_cause=cause,
                    complaint_department_id=department.id,
                    product_id=product.id,
                    lot_id=cls.lot.id if product == cls.tractor else False,
                    received_date=datetime(2025, 6, day, 1, 0),
                )
            if solved_day:
                with freeze_time(datetime(2025, 6, solved_day, 1, 0)):
                    complaint.solution = Markup("<p>Fixed</p>")
                    complaint.action_complaint_solved()
            cls.june |= complaint
        with freeze_time("2025-07-01 01:00:00"):
            cls._create_complaint(complaint_cause="delivery")
            cls._create_ticket(duplicate_confirmed=True)

    def _summary(self):
        wizard = self.env["service.complaint.summary.wizard"].create(
            {"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30)}
        )
        return wizard, wizard._get_summary()

    def test_monthly_figures(self):
        _wizard, summary = self._summary()
        self.assertEqual(summary["total"], 4)
        self.assertEqual(summary["solved"], 2)
        self.assertEqual(summary["solved_in_time"], 1)
        self.assertEqual(summary["solved_in_time_rate"], 0.25)
        self.assertEqual(
            dict(summary["by_cause"]), {"Product Quality": 3, "Service Attitude": 1}
        )
        self.assertEqual(
            dict(summary["by_product"]),
            {self.tractor.display_name: 2, self.harvester.display_name: 2},
        )
        self.assertEqual(
            dict(summary["by_department"]),
            {self.department.display_name: 2, self.paint.display_name: 2},
        )

    def test_recurring_problems_are_grouped(self):
        groups = self.env["service.complaint.report"]._read_group(
            [("issue_count", ">=", 2), ("date", "<", datetime(2025, 7, 1))],
            ["product_id"],
            ["nbr:sum"],
        )
        self.assertEqual(
            {product: count for product, count in groups},
            {self.tractor: 2, self.harvester: 2},
        )

    def test_pdf_renders(self):
        wizard, _summary = self._summary()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "service_lifecycle.action_report_complaint_summary", wizard.ids
            )[0]
            .decode()
        )
        self.assertIn("Monthly Complaint Summary", html)
        self.assertIn("25.0 %", html)
        self.assertIn("Harvester KT-300", html)
