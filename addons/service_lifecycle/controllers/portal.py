# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from werkzeug.utils import redirect

from odoo import fields, http
from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.http import request
from odoo.tools import plaintext2html


class ServiceRequestController(HelpdeskTicketController):
    """The customer's service request on the portal: product, serial number,
    purchase date, fault symptoms and photos. It becomes a task order in the
    intake stage; the desk checks and completes it when handing it on."""

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values["service_products"] = self._get_service_products()
        return values

    def _get_service_products(self):
        """The machines a customer can ask service for: the goods on sale in
        the current company, those the customer bought first."""
        partner = request.env.user.partner_id.commercial_partner_id
        company = request.env.company
        # the catalogue is the company's: the portal user reads it through sudo
        Product = request.env["product.product"].sudo().with_company(company)
        products = Product.search(
            [
                ("type", "=", "consu"),
                ("sale_ok", "=", True),
                ("company_id", "in", [company.id, False]),
            ],
            order="name, id",
        )
        bought = (
            request.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("order_partner_id", "child_of", partner.id),
                    ("state", "=", "sale"),
                    ("product_id", "in", products.ids),
                ]
            )
            .product_id
        )
        return bought.sorted("name") | products

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        company = request.env["res.company"].browse(vals["company_id"])
        product = self._get_service_products().filtered(
            lambda p: str(p.id) == (kw.get("product_id") or "")
        )
        serial = (kw.get("serial_number") or "").strip()
        lot = request.env["stock.lot"]
        if product and serial:
            lot = lot.sudo().search(
                [
                    ("product_id", "=", product.id),
                    ("name", "=", serial),
                    ("company_id", "in", [company.id, False]),
                ],
                limit=1,
            )
        symptoms = (kw.get("fault_symptoms") or "").strip()
        description = (kw.get("description") or "").strip()
        if serial and not lot:
            # not one of ours (yet): the desk checks the number it was given
            description = "\n".join(
                filter(
                    None,
                    [
                        description,
                        request.env._("Serial number given: %(serial)s", serial=serial),
                    ],
                )
            )
        intake_stage = (
            request.env["helpdesk.ticket.team"]
            .sudo()
            .browse(vals.get("team_id"))
            .with_company(company)
            ._get_stage_for_step("intake")
        )
        vals.update(
            {
                "name": vals.get("name") or symptoms[:80] or product.display_name,
                "description": plaintext2html(description or symptoms),
                "channel_id": request.env.ref(
                    "service_lifecycle.helpdesk_ticket_channel_online_message"
                ).id,
                "request_type": "repair",
                "product_id": product.id,
                "lot_id": lot.id,
                "fault_symptoms": symptoms or False,
            }
        )
        if intake_stage:
            vals["stage_id"] = intake_stage.id
        purchase_date = self._parse_date(kw.get("purchase_date"))
        if purchase_date:
            vals["purchase_date"] = purchase_date
        return vals

    @staticmethod
    def _parse_date(value):
        try:
            return fields.Date.to_date(value) if value else False
        except ValueError:
            return False

    @http.route("/submitted/ticket", type="http", auth="user", website=True, csrf=True)
    def submit_ticket(self, **kw):
        """A request that repeats an open task order of the customer joins it."""
        vals = self._prepare_submit_ticket_vals(**kw)
        Ticket = request.env["helpdesk.ticket"].sudo()
        partner = request.env.user.partner_id
        duplicates = Ticket._find_duplicates(
            Ticket.env["res.company"].browse(vals["company_id"]),
            partner,
            Ticket.env["product.product"].browse(vals.get("product_id")),
            Ticket.env["stock.lot"].browse(vals.get("lot_id")),
        )
        if not duplicates:
            return super().submit_ticket(**kw)
        ticket = duplicates[0]
        ticket._add_call_from(partner, vals["description"])
        self._attach_uploads(ticket)
        return redirect(f"/my/ticket/{ticket.id}")

    def _attach_uploads(self, ticket):
        for upload in request.httprequest.files.getlist("attachment"):
            if upload.filename:
                request.env["ir.attachment"].sudo().create(
                    {
                        "name": upload.filename,
                        "datas": base64.b64encode(upload.read()),
                        "res_model": "helpdesk.ticket",
                        "res_id": ticket.id,
                    }
                )


class ServiceRequestPortal(CustomerPortalHelpdesk):
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # deadlines in the reader's time zone (the customer's when not set)
        values["service_tz"] = (
            request.env.user.tz
            or ticket.partner_id.tz
            or ticket.company_id.partner_id.tz
            or "UTC"
        )
        return values
