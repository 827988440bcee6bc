# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL


class ServiceCallbackTeamMixin(models.AbstractModel):
    """The team of a callback supervisor, for the records of an agent
    (``user_id``) in a company (``company_id``): callbacks, daily reports and
    monthly statistics.

    In each company, a supervisor's team is their own employee there and
    every employee below it: their direct reports, the reports of these, and
    so on, and the members of the departments any of them manages. The
    record rules of callback supervisors search ``in_my_team``: the database
    walks the hierarchy in one recursive subquery of the search itself, so a
    new manager or department shows at once and no query runs per record.
    """

    _name = "service.callback.team.mixin"
    _description = "Callback Supervisor's Team"

    in_my_team = fields.Boolean(
        string="In My Team",
        compute="_compute_in_my_team",
        search="_search_in_my_team",
        help="The agent is you or works under you: your direct and indirect "
        "reports (employee manager) and the members of the departments you "
        "or they manage, in the same company.",
    )

    @api.depends("user_id", "company_id")
    @api.depends_context("uid")
    def _compute_in_my_team(self):
        self._flush_team_hierarchy()
        self.env.cr.execute(self._team_sql(self.company_id.ids))
        team = set(self.env.cr.fetchall())
        for record in self:
            record.in_my_team = (record.user_id.id, record.company_id.id) in team

    def _search_in_my_team(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("The team can only be searched with = or != True/False.")
            )
        self._flush_team_hierarchy()
        companies = self.env.companies
        team = self._team_sql(companies.ids)
        domain = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    (
                        "user_id",
                        "in",
                        SQL(
                            "(SELECT team.user_id FROM (%s) AS team "
                            "WHERE team.company_id = %s)",
                            team,
                            company.id,
                        ),
                    ),
                ]
                for company in companies
            ]
        )
        if (operator == "=") != value:
            # unassigned records are in nobody's team
            return ["|", ("user_id", "=", False), "!", *domain] if domain else []
        return domain or expression.FALSE_DOMAIN

    @api.model
    def _flush_team_hierarchy(self):
        self.env["hr.employee"].flush_model(
            ["user_id", "company_id", "parent_id", "department_id", "active"]
        )
        self.env["hr.department"].flush_model(["manager_id"])

    @api.model
    def _team_sql(self, company_ids):
        """SELECT (user_id, company_id) of the current user's team in the
        given companies: their employees there, every employee whose manager
        is in the team, and the members of the departments the team's
        employees manage (same company, recursively). The team's root must be
        an active employee; archived members still count, so the history of
        someone who left stays with their supervisor."""
        return SQL(
            """
            WITH RECURSIVE team(employee_id, company_id) AS (
                SELECT root.id, root.company_id
                  FROM hr_employee root
                 WHERE root.user_id = %(uid)s
                   AND root.active
                   AND root.company_id = ANY(%(company_ids)s)
                UNION
                SELECT member.id, member.company_id
                  FROM hr_employee member
             LEFT JOIN hr_department department
                    ON department.id = member.department_id
                  JOIN team
                    ON team.company_id = member.company_id
                   AND (member.parent_id = team.employee_id
                        OR department.manager_id = team.employee_id)
            )
            SELECT DISTINCT employee.user_id, team.company_id
              FROM team
              JOIN hr_employee employee ON employee.id = team.employee_id
             WHERE employee.user_id IS NOT NULL
            """,
            uid=self.env.uid,
            company_ids=list(company_ids),
        )
