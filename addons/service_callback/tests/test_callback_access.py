# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TeamCase


@tagged("post_install", "-at_install")
class TestCallbackAccess(TeamCase):
    """Agents see their own, supervisors their team's, managers all of their
    companies: callbacks, daily reports and monthly statistics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._callback(cls.supervisor)
        cls.of_lead = cls._callback(cls.lead)
        cls.of_member = cls._callback(cls.member)
        cls.of_desk = cls._callback(cls.desk_member)
        cls.of_outsider = cls._callback(cls.outsider)
        cls.unassigned = cls._callback(cls.env["res.users"])
        cls.of_member_henan = cls._callback(cls.member, company=cls.company_b)
        cls.of_agent_b = cls._callback(cls.agent_b, company=cls.company_b)
        cls.team = cls.own | cls.of_lead | cls.of_member | cls.of_desk
        cls.all_a = cls.team | cls.of_outsider | cls.unassigned
        cls.all_b = cls.of_member_henan | cls.of_agent_b

    def _visible(self, user, model="service.callback", companies=None):
        companies = companies or user.company_ids
        domain = []
        if model == "service.callback.monthly.report":
            domain = [("month", "=", "2025-03-01")]
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=companies.ids)
            .search(domain)
        )

    # callbacks ---------------------------------------------------------
    def test_agent_sees_own_and_unassigned(self):
        visible = self._visible(self.lead)
        self.assertEqual(visible & self.all_a, self.of_lead | self.unassigned)
        with self.assertRaises(AccessError):
            self.of_member.with_user(self.lead).read(["partner_id"])

    def test_supervisor_sees_their_team(self):
        visible = self._visible(self.supervisor, companies=self.company)
        # own, direct report, report's report, department member, unassigned
        self.assertEqual(visible, self.team | self.unassigned)
        with self.assertRaises(AccessError):
            self.of_outsider.with_user(self.supervisor).read(["partner_id"])

    def test_other_supervisor_sees_only_their_team(self):
        visible = self._visible(self.supervisor2)
        self.assertEqual(visible, self.of_outsider | self.unassigned)
        with self.assertRaises(AccessError):
            self.of_desk.with_user(self.supervisor2).read(["partner_id"])

    def test_team_is_per_company(self):
        """The member works under nobody in the second company: their
        callbacks there are not the supervisor's to see."""
        visible = self._visible(self.supervisor, companies=self.supervisor.company_ids)
        self.assertIn(self.of_member, visible)
        self.assertNotIn(self.of_member_henan, visible)
        self.assertNotIn(self.of_agent_b, visible)

    def test_team_follows_the_hierarchy_at_once(self):
        self.assertNotIn(self.of_outsider, self._visible(self.supervisor))
        self.outsider_employee.parent_id = self.lead_employee
        self.assertIn(self.of_outsider, self._visible(self.supervisor))
        self.assertNotIn(self.of_outsider, self._visible(self.supervisor2))
        self.desk.manager_id = self.sup2_employee  # desk member has no manager
        self.assertFalse(self.desk_employee.parent_id)
        self.assertNotIn(self.of_desk, self._visible(self.supervisor))
        self.assertIn(self.of_desk, self._visible(self.supervisor2))

    def test_manager_sees_the_whole_company_only(self):
        visible = self._visible(self.manager)
        self.assertEqual(visible & (self.all_a | self.all_b), self.all_a)
        with self.assertRaises(AccessError):
            self.of_agent_b.with_user(self.manager).read(["partner_id"])

    def test_my_team_filter(self):
        Callback = self.env["service.callback"].with_user(self.supervisor)
        mine = Callback.search([("in_my_team", "=", True)])
        self.assertEqual(mine, self.team)
        self.assertEqual(Callback.search([("in_my_team", "=", False)]), self.unassigned)
        self.assertTrue(self.of_desk.with_user(self.supervisor).in_my_team)
        self.assertFalse(self.unassigned.with_user(self.supervisor).in_my_team)
        self.assertTrue(self.of_outsider.with_user(self.supervisor2).in_my_team)
        self.assertFalse(self.of_lead.with_user(self.manager).in_my_team)

    def test_supervisor_search_is_one_query(self):
        Callback = self.env["service.callback"].with_user(self.supervisor)
        Callback.search([])  # rules and their domain cached
        with self.assertQueryCount(1):
            Callback.search([])

    def test_supervisor_edits_team_callback_not_others(self):
        self.of_member.with_user(self.supervisor).next_steps = "Call back Friday."
        self.assertEqual(self.of_member.next_steps, "Call back Friday.")
        with self.assertRaises(AccessError):
            self.of_outsider.with_user(self.supervisor).next_steps = "Not mine."

    def test_confidential_notes_for_supervisors_and_managers(self):
        self.of_lead.with_user(self.supervisor).confidential_notes = "Hard to reach"
        self.assertEqual(
            self.of_lead.with_user(self.manager).confidential_notes, "Hard to reach"
        )
        with self.assertRaises(AccessError):
            self.of_lead.with_user(self.lead).read(["confidential_notes"])

    def test_partner_callback_count_per_role(self):
        customer = self.customer
        self.assertEqual(customer.with_user(self.manager).callback_count, 6)
        self.assertEqual(customer.with_user(self.supervisor).callback_count, 5)
        self.assertEqual(customer.with_user(self.supervisor2).callback_count, 2)
        self.assertEqual(customer.with_user(self.lead).callback_count, 2)

    def test_manager_and_supervisor_edit_rules(self):
        rule = self.env.ref("service_callback.service_callback_rule_repair")
        rule.with_user(self.manager).first_offset = 2
        rule.with_user(self.supervisor).first_offset = 3
        self.assertEqual(rule.first_offset, 3)
        with self.assertRaises(AccessError):
            rule.with_user(self.lead).first_offset = 4

    # daily reports -----------------------------------------------------
    def _reports(self):
        Report = self.env["service.callback.report"]
        reports = {}
        for user in (self.supervisor, self.lead, self.member, self.desk_member):
            reports[user] = Report.with_user(user).create({"report_date": "2025-03-10"})
        reports[self.outsider] = Report.with_user(self.outsider).create(
            {"report_date": "2025-03-10"}
        )
        reports[self.agent_b] = (
            Report.with_user(self.agent_b)
            .with_company(self.company_b)
            .create({"report_date": "2025-03-10", "company_id": self.company_b.id})
        )
        return reports

    def test_reports_per_role(self):
        reports = self._reports()
        Report = self.env["service.callback.report"]
        team = Report.union(
            *(
                reports[user]
                for user in (self.supervisor, self.lead, self.member, self.desk_member)
            )
        )
        self.assertEqual(self._visible(self.lead, Report._name), reports[self.lead])
        self.assertEqual(
            self._visible(self.supervisor, Report._name, self.company), team
        )
        self.assertEqual(
            self._visible(self.supervisor2, Report._name), reports[self.outsider]
        )
        self.assertEqual(
            self._visible(self.manager, Report._name),
            team | reports[self.outsider],
        )
        with self.assertRaises(AccessError):
            reports[self.outsider].with_user(self.supervisor).read(["summary"])

    def test_report_supervisor_from_the_hierarchy(self):
        reports = self._reports()
        self.assertEqual(reports[self.lead].supervisor_id, self.supervisor)
        # the member's manager is an agent: their manager reviews
        self.assertEqual(reports[self.member].supervisor_id, self.supervisor)
        # no manager: the manager of the department reviews
        self.assertEqual(reports[self.desk_member].supervisor_id, self.supervisor)
        self.assertEqual(reports[self.outsider].supervisor_id, self.supervisor2)
        self.assertFalse(reports[self.supervisor].supervisor_id)

    def test_reviewer_chosen_by_the_agent_sees_the_report(self):
        reports = self._reports()
        report = reports[self.outsider]
        report.with_user(self.outsider).supervisor_id = self.supervisor
        self.assertIn(report, self._visible(self.supervisor, report._name))

    def test_team_supervisor_signs_off_not_another(self):
        reports = self._reports()
        report = reports[self.desk_member]
        report.with_user(self.desk_member).action_submit()
        with self.assertRaises(AccessError):
            report.with_user(self.supervisor2).write({"supervisor_comment": "Fine."})
        report.sudo().supervisor_comment = "Complete records."
        with self.assertRaises(AccessError):
            report.with_user(self.supervisor2).action_sign_off()
        self.assertEqual(report.state, "submitted")
        report.with_user(self.supervisor).action_sign_off()
        self.assertEqual(report.state, "reviewed")
        self.assertEqual(report.reviewer_id, self.supervisor)

    def test_manager_signs_off_any_report(self):
        report = self._reports()[self.outsider]
        report.with_user(self.outsider).action_submit()
        as_manager = report.with_user(self.manager)
        as_manager.supervisor_comment = "Seen by the manager."
        as_manager.action_sign_off()
        self.assertEqual(report.reviewer_id, self.manager)

    # monthly statistics ------------------------------------------------
    def test_monthly_statistics_per_role(self):
        Monthly = "service.callback.monthly.report"
        domain_users = self.supervisor | self.lead | self.member | self.desk_member

        def agents(user, companies=None):
            return self._visible(user, Monthly, companies).user_id

        self.assertEqual(agents(self.lead), self.lead)
        self.assertEqual(agents(self.supervisor, self.company), domain_users)
        self.assertEqual(
            agents(self.supervisor, self.supervisor.company_ids), domain_users
        )
        self.assertEqual(agents(self.supervisor2), self.outsider)
        self.assertEqual(agents(self.manager), domain_users | self.outsider)
        rows = self._visible(self.manager, Monthly)
        self.assertEqual(rows.company_id, self.company)
        self.assertEqual(sum(rows.mapped("due_count")), 6)
