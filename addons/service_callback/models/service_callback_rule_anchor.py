# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anchors of the callback rules: for each anchor event, the SQL of the
records the callbacks are counted from, and the indexes that serve it."""

from datetime import timedelta

from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..rules import callback_schedule
from .service_callback_rule import ANCHOR_MODELS, DATED_ANCHORS

# Task orders of these request types are special services (beyond the
# ordinary repair and consultation): paid service, return or exchange.
SPECIAL_REQUEST_TYPES = ("paid_service", "return_exchange")
# (index, table, column, partial) of the anchor columns: the planner looks
# the anchors up by date range.
ANCHOR_INDEXES = [
    (
        "helpdesk_ticket_closed_date_anchor_index",
        "helpdesk_ticket",
        "closed_date",
        True,
    ),
    (
        "helpdesk_ticket_complaint_solved_date_anchor_index",
        "helpdesk_ticket",
        "complaint_solved_date",
        True,
    ),
    (
        "sale_order_warranty_start_date_anchor_index",
        "sale_order",
        "warranty_start_date",
        True,
    ),
    (
        "crm_consultation_received_date_anchor_index",
        "crm_consultation",
        "received_date",
        False,
    ),
]


class ServiceCallbackRule(models.Model):
    _inherit = "service.callback.rule"

    def init(self):
        res = super().init()
        for index, table, column, partial in ANCHOR_INDEXES:
            create_index(
                self.env.cr,
                index,
                table,
                [f'"{column}"'],
                where=f'"{column}" IS NOT NULL' if partial else "",
            )
        return res

    def _anchor_query(self, window, res_ids=None, always_first=False, batch_ids=None):
        """Without ``batch_ids``: the ids of the rule's anchors (among
        ``res_ids``) that may miss a callback within the window, in order.
        With them: those anchors with what planning them needs."""
        self.ensure_one()
        source = self._anchor_source()
        model = ANCHOR_MODELS[self.anchor_event]
        joins = SQL(
            """
              JOIN res_partner p ON p.id = a.partner_id
              JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
            """
        )
        if batch_ids is not None:
            return SQL(
                """
                SELECT a.res_id, a.anchor, a.partner_id, a.company_id,
                       a.salesperson_id, a.technician_id,
                       COALESCE(cp.callback_fewer_calls, FALSE) AS fewer_calls,
                       COALESCE(p.tz, cp.tz, cop.tz) AS tz,
                       ex.existing
                  FROM (%(source)s) a
                  %(joins)s
                  JOIN res_company co ON co.id = a.company_id
                  JOIN res_partner cop ON cop.id = co.partner_id
             LEFT JOIN (
                        SELECT c.res_id, array_agg(c.occurrence) AS existing
                          FROM service_callback c
                         WHERE c.rule_key = %(key)s AND c.res_model = %(model)s
                           AND c.res_id = ANY(%(ids)s)
                         GROUP BY c.res_id
                       ) ex ON ex.res_id = a.res_id
                 WHERE a.res_id = ANY(%(ids)s)
                 ORDER BY a.res_id
                """,
                key=self.key,
                model=model,
                source=source,
                joins=joins,
                ids=list(batch_ids),
            )
        conditions = [SQL("TRUE")]
        if res_ids is not None:
            conditions.append(SQL("a.res_id = ANY(%s)", list(res_ids)))
        if self.company_id:
            conditions.append(SQL("a.company_id = %s", self.company_id.id))
        if self.customer_class:
            conditions.append(SQL("cp.customer_class = %s", self.customer_class))
        earliest = None
        if self.anchor_event not in DATED_ANCHORS and not always_first:
            # bounds on the anchor itself (not on an expression of it), so
            # that the index of the anchor column serves them
            latest = callback_schedule.add_period(
                window[1], -self.first_offset, self.first_unit
            ) + timedelta(days=4)
            conditions.append(SQL("a.anchor < %s", latest + timedelta(days=1)))
            if not self.interval and res_ids is None:
                last = self.second_offset or self.first_offset
                earliest = callback_schedule.add_period(
                    window[0], -last, self.first_unit
                ) - timedelta(days=4)
                conditions.append(SQL("a.anchor >= %s", earliest))
        query = SQL(
            "SELECT a.res_id FROM (%s) a %s WHERE %s",
            source,
            joins,
            SQL(" AND ").join(conditions),
        )
        length = self._series_length()
        if length:
            # Anchors whose whole series exists have nothing left to plan. A
            # set difference (one pass over each side, whatever the planner's
            # estimates) rather than a lookup per anchor.
            complete = [
                SQL("c.rule_key = %s", self.key),
                SQL("c.res_model = %s", model),
                SQL("c.occurrence BETWEEN 1 AND %s", length),
            ]
            if res_ids is not None:
                complete.append(SQL("c.res_id = ANY(%s)", list(res_ids)))
            elif earliest:
                # a callback is due after its anchor: older ones are not
                # those of these anchors
                complete.append(
                    SQL("c.due_datetime >= %s", earliest - timedelta(days=1))
                )
            query = SQL(
                """%s
                 EXCEPT
                SELECT c.res_id FROM service_callback c
                 WHERE %s
                 GROUP BY c.res_id
                HAVING count(*) >= %s""",
                query,
                SQL(" AND ").join(complete),
                length,
            )
        return SQL("SELECT res_id FROM (%s) todo ORDER BY res_id", query)

    def _anchor_source(self):
        """SQL of the anchor records: res_id, anchor (date or UTC datetime),
        partner_id, company_id, salesperson_id, technician_id."""
        method = getattr(self, f"_anchor_source_{self.anchor_event}")
        return method()

    def _anchor_source_installation(self):
        return SQL(
            """
            SELECT so.id AS res_id, so.warranty_start_date AS anchor,
                   so.partner_id, so.company_id, so.user_id AS salesperson_id,
                   NULL::int AS technician_id
              FROM sale_order so
             WHERE so.state = 'sale' AND so.warranty_start_date IS NOT NULL
            """
        )

    def _ticket_source(self, condition):
        return SQL(
            """
            SELECT t.id AS res_id, t.closed_date AS anchor, t.partner_id,
                   t.company_id, so.user_id AS salesperson_id,
                   t.user_id AS technician_id
              FROM helpdesk_ticket t
              JOIN helpdesk_ticket_stage st ON st.id = t.stage_id
         LEFT JOIN sale_order so ON so.id = t.sale_order_id
             WHERE t.active AND st.closed AND t.closed_date IS NOT NULL
               AND t.partner_id IS NOT NULL AND %s
            """,
            condition,
        )

    def _anchor_source_ticket_closed(self):
        if self.request_type:
            condition = SQL("t.request_type = %s", self.request_type)
        else:
            condition = SQL(
                """t.request_type NOT IN %s
                   AND NOT EXISTS (SELECT 1 FROM repair_order r
                                    WHERE r.ticket_id = t.id)""",
                (*SPECIAL_REQUEST_TYPES, "complaint"),
            )
        return self._ticket_source(condition)

    def _anchor_source_special_done(self):
        types = (self.request_type,) if self.request_type else SPECIAL_REQUEST_TYPES
        return self._ticket_source(SQL("t.request_type IN %s", types))

    def _anchor_source_complaint_solved(self):
        """Solved complaints owed a callback (the task order's one definition,
        ``_complaint_callback_owed_domain``), compiled by the ORM."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        query = Ticket._search(
            [
                *Ticket._complaint_callback_owed_domain(),
                ("complaint_solved_date", "!=", False),
                ("partner_id", "!=", False),
            ]
        )
        ticket = query.table
        query.add_join(
            "LEFT JOIN",
            "so",
            "sale_order",
            SQL("so.id = %s", SQL.identifier(ticket, "sale_order_id")),
        )
        return query.select(
            SQL("%s AS res_id", SQL.identifier(ticket, "id")),
            SQL("%s AS anchor", SQL.identifier(ticket, "complaint_solved_date")),
            SQL.identifier(ticket, "partner_id"),
            SQL.identifier(ticket, "company_id"),
            SQL("so.user_id AS salesperson_id"),
            SQL("%s AS technician_id", SQL.identifier(ticket, "user_id")),
        )

    def _anchor_source_repair_done(self):
        return SQL(
            """
            SELECT r.id AS res_id,
                   COALESCE(r.callback_done_date, r.write_date) AS anchor,
                   r.partner_id, r.company_id, so.user_id AS salesperson_id,
                   COALESCE(t.user_id, r.user_id) AS technician_id
              FROM repair_order r
         LEFT JOIN helpdesk_ticket t ON t.id = r.ticket_id
         LEFT JOIN sale_order so ON so.id = r.sale_order_id
             WHERE r.state = 'done' AND r.partner_id IS NOT NULL
            """
        )

    def _lead_condition(self, won):
        conditions = [
            SQL("l.active"),
            SQL("l.partner_id IS NOT NULL"),
            SQL("COALESCE(st.is_won, FALSE) = %s", won),
        ]
        if self.lead_grade:
            conditions.append(SQL("l.lead_grade = %s", self.lead_grade))
        return SQL(" AND ").join(conditions)

    def _lead_source(self, anchor, condition):
        return SQL(
            """
            SELECT l.id AS res_id, %s AS anchor, l.partner_id,
                   COALESCE(l.company_id, %s) AS company_id,
                   l.user_id AS salesperson_id, NULL::int AS technician_id
              FROM crm_lead l
         LEFT JOIN crm_stage st ON st.id = l.stage_id
             WHERE %s
            """,
            anchor,
            (self.company_id or self.env.company).id,
            condition,
        )

    def _anchor_source_lead_created(self):
        # weekly calls "until they visit": a visit ends the lead's series
        condition = SQL(
            """%s AND NOT EXISTS (SELECT 1 FROM crm_consultation v
                                  WHERE v.lead_id = l.id AND v.channel = 'visit')""",
            self._lead_condition(False),
        )
        return self._lead_source(SQL("l.create_date"), condition)

    def _anchor_source_deal_won(self):
        return self._lead_source(
            SQL("COALESCE(l.date_closed, l.write_date)"), self._lead_condition(True)
        )

    def _anchor_source_holiday(self):
        won = self.holiday_audience == "deals"
        return self._lead_source(SQL("l.create_date"), self._lead_condition(won))

    def _anchor_source_visit(self):
        conditions = [SQL("v.channel = 'visit'")]
        if self.lead_grade:
            conditions.append(SQL("l.lead_grade = %s", self.lead_grade))
        return SQL(
            """
            SELECT v.id AS res_id, v.received_date AS anchor,
                   COALESCE(v.partner_id, l.partner_id) AS partner_id,
                   v.company_id, COALESCE(l.user_id, v.user_id) AS salesperson_id,
                   NULL::int AS technician_id
              FROM crm_consultation v
         LEFT JOIN crm_lead l ON l.id = v.lead_id
         LEFT JOIN crm_stage st ON st.id = l.stage_id
             WHERE %s
               AND COALESCE(v.partner_id, l.partner_id) IS NOT NULL
               AND (l.id IS NULL OR (l.active AND NOT COALESCE(st.is_won, FALSE)))
            """,
            SQL(" AND ").join(conditions),
        )

    def _anchor_source_lead_lost(self):
        """Leads and opportunities marked lost (archived with no chance left):
        the lost customer is called back to learn why."""
        conditions = [
            SQL("NOT l.active"),
            SQL("COALESCE(l.probability, 0) = 0"),
            SQL("l.partner_id IS NOT NULL"),
            SQL("NOT COALESCE(st.is_won, FALSE)"),
        ]
        if self.lead_grade:
            conditions.append(SQL("l.lead_grade = %s", self.lead_grade))
        return self._lead_source(
            SQL("COALESCE(l.date_closed, l.write_date)"),
            SQL(" AND ").join(conditions),
        )

    def _anchor_source_milestone(self):
        return self._lead_source(SQL("l.create_date"), self._lead_condition(False))

    def _anchor_source_suggestion(self):
        """Callbacks done whose customer made a suggestion marked valuable: an
        on-site visit, made by the customer's salesperson."""
        return SQL(
            """
            SELECT c.id AS res_id, c.done_datetime AS anchor, c.partner_id,
                   c.company_id, COALESCE(cp.user_id, c.user_id) AS salesperson_id,
                   c.user_id AS technician_id
              FROM service_callback c
              JOIN res_partner p ON p.id = c.partner_id
              JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
             WHERE c.state = 'done' AND c.suggestion_valuable
               AND c.done_datetime IS NOT NULL
            """
        )

    def _anchor_source_holiday_customer(self):
        """The customers (companies and individuals, not their contacts) with
        a class: the rule's class filter keeps those it calls on holidays."""
        return SQL(
            """
            SELECT p.id AS res_id, p.create_date AS anchor, p.id AS partner_id,
                   COALESCE(p.company_id, %s) AS company_id,
                   p.user_id AS salesperson_id, NULL::int AS technician_id
              FROM res_partner p
             WHERE p.active AND p.parent_id IS NULL
               AND p.customer_class IS NOT NULL
            """,
            (self.company_id or self.env.company).id,
        )
