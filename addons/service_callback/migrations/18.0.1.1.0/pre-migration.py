# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callback supervisors see their team's records only, callback managers all.

The supervisors' record rules are noupdate data, which an update never
rewrites: drop them here so that the update creates them anew from the
module's XML."""

RULES = (
    "service_callback_rule_supervisor",
    "service_callback_report_rule_supervisor",
    "service_callback_monthly_report_rule_supervisor",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH xmlids AS (
            DELETE FROM ir_model_data
             WHERE module = 'service_callback'
               AND model = 'ir.rule'
               AND name IN %s
         RETURNING res_id
        )
        DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM xmlids)
        """,
        (RULES,),
    )
