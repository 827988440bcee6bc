# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class ServiceDeskCase(TransactionCase):
    """Fixtures of the after-sales desk: users per role, a team on a Shanghai
    calendar (Mon-Fri 08:00-12:00 and 13:00-17:00), a tracked tractor sold and
    delivered to a farmer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.agent = new_test_user(
            cls.env, "desk_agent", groups="service_lifecycle.group_phone_agent"
        )
        cls.technician = new_test_user(
            cls.env, "desk_tech", groups="service_lifecycle.group_hotline_technician"
        )
        cls.expert = new_test_user(
            cls.env, "desk_expert", groups="service_lifecycle.group_technical_center"
        )
        cls.manager = new_test_user(
            cls.env, "desk_manager", groups="service_lifecycle.group_service_manager"
        )
        cls.leader = new_test_user(
            cls.env, "desk_leader", groups="service_lifecycle.group_hotline_technician"
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Hotline Shanghai",
                "tz": "Asia/Shanghai",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (
                        ("morning", 8, 12),
                        ("afternoon", 13, 17),
                    )
                ],
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Hotline",
                "user_ids": [
                    Command.set(
                        (cls.agent | cls.technician | cls.leader | cls.manager).ids
                    )
                ],
                "user_id": cls.leader.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.state_hn = cls.env["res.country.state"].search(
            [("country_id.code", "=", "CN")], limit=1
        )
        cls.farmer = cls.env["res.partner"].create(
            {
                "name": "Wang Farm",
                "customer_class": "farmer",
                "email": "wang@example.com",
                "state_id": cls.state_hn.id,
                "country_id": cls.state_hn.country_id.id,
            }
        )
        cls.regular = cls.env["res.partner"].create({"name": "Li Regular"})
        cls.categ = cls.env["product.category"].create({"name": "Tractors"})
        cls.tractor = cls.env["product.product"].create(
            {
                "name": "Tractor KT-504",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.categ.id,
                "list_price": 50000.0,
            }
        )
        cls.engine = cls.env["product.product"].create(
            {"name": "Engine", "type": "consu", "is_main_component": True}
        )
        cls.belt = cls.env["product.product"].create(
            {"name": "V-Belt", "type": "consu", "is_wearing_part": True}
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.lot = cls.env["stock.lot"].create(
            {"name": "SN-0001", "product_id": cls.tractor.id}
        )
        cls.lot_spare = cls.env["stock.lot"].create(
            {"name": "SN-0002", "product_id": cls.tractor.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.tractor, cls.warehouse.lot_stock_id, 1.0, lot_id=cls.lot
        )

    @classmethod
    def _sell_and_deliver(cls, partner, lot, date_order, date_done):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "date_order": date_order,
                "order_line": [
                    Command.create(
                        {"product_id": lot.product_id.id, "product_uom_qty": 1}
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = date_order
        picking = order.picking_ids
        picking.move_ids.picked = True
        picking.button_validate()
        picking.date_done = date_done
        return order

    @classmethod
    def _ticket_vals(cls, **values):
        vals = {
            "name": "Tractor does not start",
            "description": Markup("<p>No ignition</p>"),
            "partner_id": cls.farmer.id,
            "team_id": cls.team.id,
            "channel_id": cls.phone.id,
            "request_type": "repair",
            "product_id": cls.tractor.id,
            "lot_id": cls.lot.id,
            "working_conditions": "Rice harvest, wet fields",
            "fault_symptoms": "Starter turns, engine does not fire",
        }
        vals.update(values)
        return vals

    @classmethod
    def _create_ticket(cls, user=None, **values):
        Ticket = cls.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(cls._ticket_vals(**values))
