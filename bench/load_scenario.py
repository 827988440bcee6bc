"""What the load clients of bench/load.py do: hotline technicians record task
orders and hand them on, callback agents complete their callbacks, everyone
searches. prepare() makes the users and data as admin; verify() checks that
nothing was lost or duplicated."""

import random
from collections import Counter

PASSWORD = "load-Password-1"
ANCHORS = 400  # closed task orders whose callbacks are planned during the load


class Scenario:
    def __init__(self, run):
        self.run = run

    def prepare(self, admin, clients):
        ref = admin.execute
        tech_group = ref(
            "ir.model.data",
            "check_object_reference",
            "service_lifecycle",
            "group_hotline_technician",
        )[1]
        agent_group = ref(
            "ir.model.data",
            "check_object_reference",
            "service_callback",
            "group_callback_agent",
        )[1]
        self.channel = ref(
            "ir.model.data",
            "check_object_reference",
            "helpdesk_mgmt",
            "helpdesk_ticket_channel_phone",
        )[1]
        self.customers = ref(
            "res.partner",
            "create",
            [
                {"name": f"Load Customer {self.run}-{i}", "customer_class": "farmer"}
                for i in range(50)
            ],
        )
        self.product = ref(
            "product.product",
            "create",
            {"name": f"Load Tractor {self.run}", "type": "consu"},
        )
        logins = []
        users = []
        for i in range(clients):
            login = f"load_{self.run}_{i}"
            groups = [tech_group] if i % 3 else [agent_group]
            users.append(
                ref(
                    "res.users",
                    "create",
                    {
                        "name": f"Load User {i}",
                        "login": login,
                        "password": PASSWORD,
                        "groups_id": [(6, 0, groups)],
                    },
                )
            )
            logins.append((login, PASSWORD))
        self.team = ref(
            "helpdesk.ticket.team",
            "create",
            {
                "name": f"Load Hotline {self.run}",
                "user_ids": [(6, 0, users)],
            },
        )
        # Anchors of the callback planner: closed task orders whose callbacks
        # are left to the planner cron, run during the load (made due below).
        technicians = [user for i, user in enumerate(users) if i % 3] or users
        done_stage = ref(
            "ir.model.data",
            "check_object_reference",
            "helpdesk_mgmt",
            "helpdesk_ticket_stage_done",
        )[1]
        self.anchors = ref(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": f"Load anchor {self.run} {i}",
                    "description": "<p>Question answered</p>",
                    "partner_id": self.customers[i % len(self.customers)],
                    "team_id": self.team,
                    "user_id": technicians[i % len(technicians)],
                    "request_type": "consultation",
                    "channel_id": self.channel,
                    "purchase_date": "2026-01-15",
                    "product_id": self.product,
                    "fault_symptoms": "Question",
                    "working_conditions": "Field work",
                    "duplicate_confirmed": True,
                }
                for i in range(ANCHORS)
            ],
        )
        ref("helpdesk.ticket", "write", self.anchors, {"stage_id": done_stage})
        # closing planned their callbacks at once: leave them to the cron
        ref(
            "service.callback",
            "unlink",
            ref("service.callback", "search", self._anchor_domain()),
        )
        # the crons run during the load: make them due now, the planner first
        # (the cron thread runs the due jobs one after the other)
        crons = ref("ir.cron", "search", [("active", "=", True)])
        ref("ir.cron", "write", crons, {"nextcall": "2000-01-01 00:00:00"})
        planner = ref(
            "ir.model.data",
            "check_object_reference",
            "service_callback",
            "ir_cron_service_callback_plan",
        )[1]
        ref("ir.cron", "write", [planner], {"priority": 0})
        return logins

    def _anchor_domain(self):
        return [
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "in", self.anchors),
            ("rule_key", "!=", False),
        ]

    def setup_client(self, client, index):
        context = {"uid": client.uid, "technician": index % 3 != 0}
        if not context["technician"]:
            context["callbacks"] = client.execute(
                "service.callback",
                "create",
                [
                    {
                        "partner_id": self.customers[
                            (index * 7 + k) % len(self.customers)
                        ],
                        "user_id": client.uid,
                        "method": "phone",
                        "purpose": f"Load {self.run}",
                    }
                    for k in range(500)
                ],
            )
        return context

    def operations(self, client, context, index, n, stats):
        if context["technician"]:

            def intake():
                ticket = client.execute(
                    "helpdesk.ticket",
                    "create",
                    {
                        "name": f"Load {self.run} {index}-{n}",
                        "description": "<p>Engine stalls under load</p>",
                        "partner_id": random.choice(self.customers),
                        "team_id": self.team,
                        "user_id": client.uid,
                        "request_type": "repair",
                        "channel_id": self.channel,
                        "purchase_date": "2026-01-15",
                        "product_id": self.product,
                        "fault_symptoms": "Stalls",
                        "working_conditions": "Ploughing",
                        "duplicate_confirmed": True,
                    },
                )
                with stats.lock:
                    stats.created_tickets.append(ticket)
                context["ticket"] = ticket

            def hand_off():
                ticket = context.get("ticket")
                if ticket:
                    client.execute("helpdesk.ticket", "action_submit_intake", [ticket])
                    client.execute(
                        "helpdesk.ticket", "action_hand_to_technician", [ticket]
                    )

            yield "intake", intake
            yield "hand_off", hand_off
        else:

            def complete():
                if not context["callbacks"]:
                    return
                callback = context["callbacks"].pop()
                client.execute(
                    "service.callback",
                    "write",
                    [callback],
                    {
                        "reached": True,
                        "rating": "satisfied",
                        "score": 5,
                        "customer_feedback": "Works well",
                    },
                )
                client.execute("service.callback", "action_done", [callback])
                with stats.lock:
                    stats.done_callbacks += 1

            yield "callback_done", complete
        yield (
            "search",
            lambda: client.execute(
                "helpdesk.ticket",
                "search_read",
                [("name", "ilike", f"Load {self.run}")],
                fields=["name", "stage_id"],
                limit=40,
            ),
        )

    def verify(self, admin, stats):
        problems = []
        rows = admin.execute(
            "helpdesk.ticket",
            "search_read",
            [("name", "=like", f"Load {self.run} %")],
            fields=["name"],
            context={"active_test": False},
        )
        names = Counter(row["name"] for row in rows)
        if len(rows) != len(stats.created_tickets):
            problems.append(
                f"{len(stats.created_tickets)} task orders created, {len(rows)} found"
            )
        dup = [name for name, count in names.items() if count > 1]
        if dup:
            problems.append(f"duplicated task orders: {dup[:5]}")
        done = admin.execute(
            "service.callback",
            "search_count",
            [("purpose", "=", f"Load {self.run}"), ("state", "=", "done")],
        )
        if done != stats.done_callbacks:
            problems.append(f"{stats.done_callbacks} callbacks completed, {done} done")
        keyed = admin.execute(
            "service.callback",
            "search_read",
            [("rule_key", "!=", False)],
            fields=["rule_key", "res_model", "res_id", "occurrence"],
        )
        keys = Counter(
            (r["rule_key"], r["res_model"], r["res_id"], r["occurrence"]) for r in keyed
        )
        if any(count > 1 for count in keys.values()):
            problems.append("duplicate planned callbacks")
        planned = admin.execute(
            "service.callback", "search_count", self._anchor_domain()
        )
        print(
            f"load: {len(stats.created_tickets)} task orders created and found "
            f"once each, {done} callbacks completed, {len(keyed)} planned "
            f"callbacks checked for duplicates ({planned} planned by the cron "
            f"during the load for {len(self.anchors)} closed task orders)"
        )
        return problems
