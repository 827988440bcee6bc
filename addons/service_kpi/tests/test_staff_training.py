# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..rules.kpi_periods import quarter_bounds
from .common import KpiCase

DUE = "service_kpi.mail_activity_type_training_due"


@tagged("post_install", "-at_install")
class TestStaffTraining(KpiCase):
    """New staff are trained in their first month and everyone once a
    quarter: the daily cron plans what is due and reminds the organiser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Training = cls.env["service.training"]
        cls.today = cls.company._local_day(fields.Datetime.now())
        cls.quarter_end = quarter_bounds(cls.today)[1]

    def _trainings(self, employee, kind):
        return self.Training.search(
            [("employee_id", "=", employee.id), ("kind", "=", kind)]
        )

    def test_cron_plans_quarterly_and_induction_once(self):
        worker = self.env["hr.employee"].create({"name": "Workshop Hand"})
        self.Training._cron_plan_due_trainings()
        # only the staff who work in the suite (with a user) are planned
        self.assertFalse(self.Training.search([("employee_id", "=", worker.id)]))
        quarterly = self._trainings(self.agent_a, "quarterly")
        self.assertEqual(len(quarterly), 1)
        self.assertEqual(quarterly.state, "planned")
        self.assertEqual(quarterly.date_deadline, self.quarter_end)
        # the agent's manager organises it
        activity = quarterly.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref(DUE))
        self.assertEqual(activity.user_id, self.supervisor_user)
        # the agent joined today: the induction is due within a month
        induction = self._trainings(self.agent_a, "induction")
        self.assertEqual(induction.date_deadline, self.today + timedelta(days=30))
        # the head of department has no manager: the department head (himself)
        self.assertEqual(
            self._trainings(self.head, "quarterly").activity_ids.user_id,
            self.head_user,
        )
        # a second run plans nothing new
        count = self.Training.search_count([])
        self.Training._cron_plan_due_trainings()
        self.assertEqual(self.Training.search_count([]), count)

    def test_no_induction_for_staff_who_joined_long_ago(self):
        self.env.cr.execute(
            "UPDATE hr_employee SET create_date = create_date - interval '90 days' "
            "WHERE id = %s",
            [self.agent_b.id],
        )
        self.agent_b.invalidate_recordset(["create_date"])
        self.Training._cron_plan_due_trainings()
        self.assertFalse(self._trainings(self.agent_b, "induction"))
        self.assertTrue(self._trainings(self.agent_b, "quarterly"))

    def test_a_planned_training_stops_the_reminder(self):
        self.Training.with_user(self.kpi_manager).create(
            {
                "name": "New harvester models",
                "kind": "quarterly",
                "employee_id": self.agent_a.id,
                "date_deadline": self.quarter_end,
            }
        )
        self.Training._cron_plan_due_trainings()
        self.assertEqual(len(self._trainings(self.agent_a, "quarterly")), 1)

    def test_manager_records_the_training_done(self):
        self.Training._cron_plan_due_trainings()
        training = self._trainings(self.agent_a, "quarterly")
        # the employee reads it (in their language: no topic, the kind's label)
        mine = training.with_user(self.agent_a_user)
        self.assertEqual(mine.display_name, "Quarterly Training")
        with self.assertRaises(AccessError):
            mine.write({"result": "Passed the product test"})
        with self.assertRaises(UserError):
            mine.action_done()
        self.assertEqual(training.state, "planned")
        # a done state written alone has no day: refused
        with self.assertRaisesRegex(UserError, "Record the day"):
            training.with_user(self.kpi_manager).write({"state": "done"})
        training.with_user(self.kpi_manager).action_done()
        self.assertEqual(training.state, "done")
        self.assertEqual(training.date_done, self.today)
        self.assertFalse(training.activity_ids)

    def test_users_see_their_own_and_their_teams_trainings(self):
        self.Training._cron_plan_due_trainings()
        Training = self.Training.with_user(self.agent_a_user)
        self.assertEqual(Training.search([]).employee_id, self.agent_a)
        Training = self.Training.with_user(self.supervisor_user)
        self.assertEqual(
            Training.search([]).employee_id,
            self.supervisor | self.agent_a | self.agent_b,
        )
