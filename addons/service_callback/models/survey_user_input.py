# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    callback_id = fields.Many2one(
        "service.callback", string="Callback", index="btree_not_null", readonly=True
    )

    def _mark_done(self):
        res = super()._mark_done()
        for user_input in self.filtered("callback_id"):
            user_input.callback_id.sudo()._apply_survey_result(user_input)
        return res
