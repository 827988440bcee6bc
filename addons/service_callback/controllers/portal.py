# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import binascii

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal, pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class CallbackPortal(CustomerPortal):
    """The customer's callbacks on the portal; on-site records are signed here."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "callback_count" in counters:
            Callback = request.env["service.callback"]
            values["callback_count"] = (
                Callback.search_count(self._prepare_callbacks_domain())
                if Callback.has_access("read")
                else 0
            )
        return values

    def _prepare_callbacks_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "!=", "cancelled"),
        ]

    @http.route(
        ["/my/callbacks", "/my/callbacks/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_callbacks(self, page=1, **kw):
        Callback = request.env["service.callback"]
        domain = self._prepare_callbacks_domain()
        page_pager = pager(
            url="/my/callbacks",
            total=Callback.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        callbacks = Callback.search(
            domain,
            order="due_datetime desc, id desc",
            limit=self._items_per_page,
            offset=page_pager["offset"],
        )
        request.session["my_callbacks_history"] = callbacks.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "callbacks": callbacks,
                "page_name": "callback",
                "pager": page_pager,
                "default_url": "/my/callbacks",
            }
        )
        return request.render("service_callback.portal_my_callbacks", values)

    @http.route(
        ["/my/callbacks/<int:callback_id>"], type="http", auth="public", website=True
    )
    def portal_callback_page(
        self, callback_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            callback_sudo = self._document_check_access(
                "service.callback", callback_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=callback_sudo,
                report_type=report_type,
                report_ref="service_callback.service_callback_action_report_record",
                download=download,
            )
        values = self._get_page_view_values(
            callback_sudo,
            access_token,
            {
                "callback": callback_sudo,
                "page_name": "callback",
                "message": kw.get("message"),
            },
            "my_callbacks_history",
            False,
        )
        return request.render("service_callback.portal_callback_page", values)

    @http.route(
        ["/my/callbacks/<int:callback_id>/sign"],
        type="json",
        auth="public",
        website=True,
    )
    def portal_callback_sign(
        self, callback_id, access_token=None, name=None, signature=None
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            callback_sudo = self._document_check_access(
                "service.callback", callback_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": _("Invalid callback.")}
        if not callback_sudo._portal_can_sign():
            return {"error": _("This callback record does not need your signature.")}
        if not signature:
            return {"error": _("Signature is missing.")}
        if not name:
            return {"error": _("Please write your name under the signature.")}
        try:
            callback_sudo.write(
                {
                    "signed_by": name,
                    "signed_on": fields.Datetime.now(),
                    "signature": signature,
                }
            )
        except (TypeError, binascii.Error):
            return {"error": _("Invalid signature data.")}
        author = (
            callback_sudo.partner_id
            if request.env.user._is_public()
            else request.env.user.partner_id
        )
        callback_sudo.message_post(
            author_id=author.id,
            body=_("Callback record signed by %s on the portal.", name),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {
            "force_refresh": True,
            "redirect_url": callback_sudo.get_portal_url(
                query_string="&message=sign_ok"
            ),
        }
