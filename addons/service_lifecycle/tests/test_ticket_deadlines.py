# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import ServiceDeskCase

# Monday 2 June 2025, 09:00 in Shanghai is 01:00 UTC; the fields hold UTC.
MONDAY_9 = "2025-06-02 01:00:00"
# Friday 6 June 2025, 18:00 in Shanghai (after the hotline's hours)
FRIDAY_18 = "2025-06-06 10:00:00"


@tagged("post_install", "-at_install")
class TestTicketDeadlines(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.service_escalation_user_id = cls.manager
        cls.warning_type = cls.env.ref(
            "service_lifecycle.mail_activity_type_sla_warning"
        )
        cls.breach_type = cls.env.ref("service_lifecycle.mail_activity_type_sla_breach")

    def _activities(self, ticket, activity_type):
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def _set_clock(self, kind, clock):
        """The service manager sets the clock of a deadline kind on every rule."""
        self.env["service.policy.rule"].with_user(self.manager).search([]).write(
            {f"{kind}_clock": clock}
        )

    @freeze_time(MONDAY_9)
    def test_deadlines_on_their_clocks(self):
        ticket = self._create_ticket(user=self.agent)
        # the hand-off runs in the hotline's service hours
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 2, 1, 15))
        # the customer's 24 hours are clock hours: Tuesday 09:00
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 3, 1, 0))
        # 72 working hours = nine working days: Friday of the next week
        self.assertEqual(ticket.resolution_deadline, datetime(2025, 6, 13, 1, 0))
        self.assertEqual(ticket.sla_state, "on_track")

    @freeze_time(MONDAY_9)
    def test_response_in_working_time_when_the_policy_says_so(self):
        self._set_clock("response", "working")
        ticket = self._create_ticket(user=self.agent)
        # 24 working hours = three working days: Thursday 09:00
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 5, 1, 0))

    @freeze_time(FRIDAY_18)
    def test_clock_and_working_deadlines_across_a_weekend_and_a_holiday(self):
        # Monday 9 June is a public holiday in Shanghai
        self._add_public_holiday(
            datetime(2025, 6, 8, 16, 0), datetime(2025, 6, 9, 15, 59)
        )
        ticket = self._create_ticket(user=self.agent)
        # answered by Saturday 18:00: neither the weekend nor the holiday counts
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 7, 10, 0))
        # the hand-off waits for the hotline: Tuesday 08:15 (after the holiday)
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 10, 0, 15))
        # a Saturday without an answer is breached, not "on track until Wednesday"
        with freeze_time("2025-06-07 10:01:00"):
            ticket.invalidate_recordset()
            self.env.add_to_compute(ticket._fields["response_sla_state"], ticket)
            self.assertEqual(ticket.response_sla_state, "breached")
        self._set_clock("response", "working")
        working = self._create_ticket(
            user=self.agent, lot_id=self.lot_spare.id, duplicate_confirmed=True
        )
        # 24 working hours from Tuesday 08:00: Thursday 17:00
        self.assertEqual(working.response_deadline, datetime(2025, 6, 12, 9, 0))

    @freeze_time(MONDAY_9)
    def test_night_and_weekend_calls(self):
        # Monday 22:00 in Shanghai: hand-off due Tuesday 08:15
        ticket = self._create_ticket(received_date=datetime(2025, 6, 2, 14, 0))
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 3, 0, 15))
        # Saturday: Monday 08:15
        ticket = self._create_ticket(
            received_date=datetime(2025, 6, 7, 2, 0), duplicate_confirmed=True
        )
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 9, 0, 15))

    @freeze_time(MONDAY_9)
    def test_public_holiday_is_skipped(self):
        # Tuesday 3 June in Shanghai
        self._add_public_holiday(
            datetime(2025, 6, 2, 16, 0), datetime(2025, 6, 3, 15, 59)
        )
        self._set_clock("response", "working")
        ticket = self._create_ticket()
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 2, 1, 15))
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 6, 1, 0))

    @freeze_time(MONDAY_9)
    def test_calendar_time_zone(self):
        self.calendar.tz = "Europe/Berlin"
        ticket = self._create_ticket()
        # 03:00 in Berlin: the hand-off is due at 08:15 Berlin, 06:15 UTC
        self.assertEqual(ticket.handoff_deadline, datetime(2025, 6, 2, 6, 15))

    @freeze_time(MONDAY_9)
    def test_urgent_shortens_the_deadlines(self):
        ticket = self._create_ticket(is_urgent=True)
        # level 1: first response within 4 clock hours
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 2, 5, 0))
        self._set_clock("response", "working")
        ticket = self._create_ticket(is_urgent=True, duplicate_confirmed=True)
        # in working time the lunch break is skipped
        self.assertEqual(ticket.response_deadline, datetime(2025, 6, 2, 6, 0))

    def test_sla_states_and_hand_off_met(self):
        with freeze_time(MONDAY_9):
            ticket = self._create_ticket(user=self.agent, purchase_date="2025-01-10")
            ticket.with_user(self.agent).action_submit_intake()
            ticket.user_id = self.technician
        with freeze_time("2025-06-02 01:10:00"):
            ticket.with_user(self.coordinator).action_hand_to_technician()
            self.assertEqual(ticket.handoff_date, datetime(2025, 6, 2, 1, 10))
            self.assertEqual(ticket.handoff_sla_state, "met")
            self.assertEqual(ticket.response_sla_state, "on_track")
            self.assertEqual(ticket.sla_state, "on_track")

    def test_cron_warns_then_escalates_once(self):
        with freeze_time(MONDAY_9):
            ticket = self._create_ticket()
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2025-06-02 01:05:00"):
            Ticket._cron_check_sla()
        self.assertFalse(ticket.activity_ids)
        # 3 of 15 minutes left: at risk (last quarter), the leader is warned
        with freeze_time("2025-06-02 01:12:00"):
            Ticket._cron_check_sla()
            self.assertEqual(ticket.handoff_sla_state, "at_risk")
            warning = self._activities(ticket, self.warning_type)
            self.assertEqual(warning.user_id, self.leader)
            Ticket._cron_check_sla()
            self.assertEqual(self._activities(ticket, self.warning_type), warning)
        with freeze_time("2025-06-02 01:16:00"):
            Ticket._cron_check_sla()
            self.assertEqual(ticket.handoff_sla_state, "breached")
            self.assertEqual(ticket.sla_state, "breached")
            breach = self._activities(ticket, self.breach_type)
            self.assertEqual(breach.user_id, self.manager)
            self.assertEqual(ticket.handoff_sla_alert, "escalated")
            activities = ticket.activity_ids
            Ticket._cron_check_sla()
            Ticket._cron_check_sla()
            self.assertEqual(ticket.activity_ids, activities)
        self.assertEqual(
            Ticket.search([("sla_state", "=", "breached")]),
            ticket,
            "the breached filter finds it",
        )

    def test_cron_skips_closed_and_met(self):
        with freeze_time(MONDAY_9):
            done = self._create_ticket()
            done.stage_id = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
            )
        with freeze_time("2025-06-20 01:00:00"):
            self.env["helpdesk.ticket"]._cron_check_sla()
        self.assertFalse(done.activity_ids)
        self.assertFalse(done.sla_state)

    def test_cron_batches(self):
        with freeze_time(MONDAY_9):
            tickets = self.env["helpdesk.ticket"]
            for lot_name in ("B1", "B2", "B3"):
                lot = self.env["stock.lot"].create(
                    {"name": lot_name, "product_id": self.tractor.id}
                )
                tickets |= self._create_ticket(lot_id=lot.id)
        with freeze_time("2025-06-02 01:16:00"):
            self.env["helpdesk.ticket"]._cron_check_sla(batch_size=2)
            self.assertEqual(len(tickets.filtered("handoff_sla_alert")), 2)
            self.env["helpdesk.ticket"]._cron_check_sla(batch_size=2)
            self.assertEqual(set(tickets.mapped("handoff_sla_alert")), {"escalated"})

    def test_cron_cost_does_not_grow_with_the_alerts(self):
        """The alerts of a batch are made together: alerting three task orders
        takes as many queries as alerting one."""
        Ticket = self.env["helpdesk.ticket"]
        counts = []
        # a first run warms the caches up
        for run, size in enumerate((1, 1, 3)):
            with freeze_time(MONDAY_9):
                tickets = Ticket
                for index in range(size):
                    lot = self.env["stock.lot"].create(
                        {"name": f"Q{run}-{index}", "product_id": self.tractor.id}
                    )
                    tickets |= self._create_ticket(lot_id=lot.id)
            with freeze_time("2025-06-02 01:16:00"):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                Ticket._cron_check_sla()
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
            self.assertEqual(set(tickets.mapped("handoff_sla_alert")), {"escalated"})
            self.assertEqual(
                len(tickets.activity_ids.filtered(lambda a: a.user_id == self.manager)),
                size,
            )
        self.assertEqual(counts[1], counts[2])
