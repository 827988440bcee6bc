# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    shipping_date = fields.Datetime(
        string="Ship Date",
        compute="_compute_shipping_date",
        store=True,
        readonly=False,
        copy=False,
        help="When the goods leave the warehouse: planned (the delivery's scheduled "
        "date by default) until they leave, then the validation date. The shipping "
        "notice tells the customer before they leave.",
    )
    expected_arrival_date = fields.Date(string="Expected Arrival", copy=False)
    shipping_carrier = fields.Char(string="Carrier", copy=False)
    shipping_tracking_ref = fields.Char(string="Tracking Number", copy=False)
    shipping_tracking_url = fields.Char(
        string="Tracking Link",
        copy=False,
        help="Where the customer follows the shipment.",
    )
    shipping_notice_date = fields.Datetime(
        string="Shipping Notice Sent On", copy=False, readonly=True
    )

    @api.depends("date_done", "scheduled_date")
    def _compute_shipping_date(self):
        for picking in self:
            picking.shipping_date = (
                picking.date_done or picking.shipping_date or picking.scheduled_date
            )

    def _action_done(self):
        result = super()._action_done()
        for picking in self.filtered(
            lambda p: (
                p.picking_type_code == "outgoing" and p.sale_id and p.state == "done"
            )
        ):
            picking.sale_id._reach_milestone(
                "shipped", picking.company_id._local_day(picking.date_done)
            )
        return result

    def _ensure_shipping_notice_complete(self):
        """A shipping notice goes out before the goods leave: from a delivery to
        a customer that is ready (its goods reserved), with the ship date,
        expected arrival, carrier and tracking number. Once shipped, a notice
        already sent may only be sent again (a correction)."""
        for picking in self:
            if picking.picking_type_code != "outgoing":
                raise UserError(
                    self.env._(
                        "Shipping notices are sent for deliveries to customers; "
                        "%(picking)s is not one.",
                        picking=picking.name,
                    )
                )
            ready = picking.state == "assigned" or (
                picking.state == "done" and picking.shipping_notice_date
            )
            if not ready:
                raise UserError(
                    self.env._(
                        "The shipping notice of %(picking)s goes out before the goods "
                        "leave, once the delivery is ready (its goods reserved); it is "
                        "%(state)s.",
                        picking=picking.name,
                        state=dict(
                            picking._fields["state"]._description_selection(self.env)
                        )[picking.state],
                    )
                )
            missing = [
                picking._fields[name].get_description(self.env)["string"]
                for name in (
                    "partner_id",
                    "shipping_date",
                    "expected_arrival_date",
                    "shipping_carrier",
                    "shipping_tracking_ref",
                )
                if not picking[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in %(missing)s of %(picking)s before sending its "
                        "shipping notice.",
                        missing=", ".join(missing),
                        picking=picking.name,
                    )
                )

    def action_send_shipping_notice(self):
        """Open the email composer with the shipping notice template."""
        self.ensure_one()
        self._ensure_shipping_notice_complete()
        template = self.env.ref("service_lifecycle.mail_template_shipping_notice")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
                "mark_shipping_notice_sent": True,
            },
        }

    def message_post(self, **kwargs):
        if self.env.context.get("mark_shipping_notice_sent"):
            self.filtered(lambda p: not p.shipping_notice_date).write(
                {"shipping_notice_date": fields.Datetime.now()}
            )
        return super().message_post(**kwargs)
