"""Screenshots of the main screens, in English and Chinese, for the README.

Run through `make screenshots` (scripts/screenshots.sh starts Odoo on the demo
database first). Logs in through JSON-RPC, hands the session cookie to Debian's
headless Chromium and drives it over the DevTools protocol on a pipe
(--remote-debugging-pipe: no websocket library needed), waiting for the web
client to finish loading before each capture.

Usage: screenshots.py URL DB OUTPUT_DIR

Each screen is captured at desktop size (1400x900) or, for the screens used
in the field, at phone size (390x844, touch, the web client's mobile layout),
as the user who works there (the technician, the callback agent). Set
SCREENSHOT_ONLY=40,41 to capture only the screens whose names start so.
"""

import base64
import datetime
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

LOGIN = os.environ.get("SCREENSHOT_LOGIN", "admin")
PASSWORD = os.environ.get("SCREENSHOT_PASSWORD", "admin")
# SCREENSHOT_ONLY="30-,31-": only the screens whose names start so
ONLY = tuple(filter(None, os.environ.get("SCREENSHOT_ONLY", "").split(",")))
WIDTH, HEIGHT = 1400, 900
TIMEZONE = os.environ.get("SCREENSHOT_TZ", "Asia/Shanghai")
SIZES = {"desktop": (WIDTH, HEIGHT, False), "phone": (390, 844, True)}
# printed forms, as the web client previews them
REPORT = "/report/html/service_lifecycle"
READY_JS = """(() => {
    const busy = document.querySelector('.o_loading_indicator, .o_blockUI');
    const view = document.querySelector(
        '.o_action_manager .o_view_controller, .o_home_menu, .o_form_view');
    return Boolean(view) && !busy && document.readyState === 'complete';
})()"""
REPORT_READY_JS = "document.readyState === 'complete'"


class Odoo:
    """JSON-RPC with a session cookie."""

    def __init__(self, url, db):
        self.url = url.rstrip("/")
        self.db = db
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def _post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            reply = json.load(response)
        if reply.get("error"):
            raise RuntimeError(json.dumps(reply["error"], indent=1)[:2000])
        return reply["result"]

    def login(self, login=LOGIN, password=PASSWORD):
        result = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        return next(c.value for c in self.jar if c.name == "session_id")

    def call(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def first_id(self, model, domain, order=None):
        ids = self.call(model, "search", domain, limit=1, order=order)
        return ids[0] if ids else None


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="screenshots-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # out of the way of 3 and 4, where the child needs them
        for fd, high in ((to_child_r, 203), (from_child_w, 204)):
            os.dup2(fd, high)
            os.close(fd)
        to_child_r, from_child_w = 203, 204
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("chromium is missing: apt-get install -y chromium")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            # the protocol reads the browser's fd 3 and writes its fd 4
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_child_r, 3), os.dup2(from_child_w, 4)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.session = None
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send(
            "Target.attachToTarget", targetId=page["targetId"], flatten=True
        )["sessionId"]
        self.send("Page.enable")
        # the web client shows times in the browser's time zone: the demo
        # company's, whatever the machine's
        self.send("Emulation.setTimezoneOverride", timezoneId=TIMEZONE)
        self.resize("desktop")

    def resize(self, size):
        """Desktop, or a phone: narrow, touch, mobile (the web client then
        uses its small-screen layout)."""
        width, height, mobile = SIZES[size]
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=2 if mobile else 1,
            mobile=mobile,
        )
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)

    def send(self, method, browser_level=False, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session and not browser_level:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def set_cookie(self, url, name, value):
        self.send(
            "Network.setCookie", url=url, name=name, value=value, browser_level=False
        )

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression)
        return result.get("result", {}).get("value")

    def shoot(self, url, path, settle=1.5, timeout=40):
        self.send("Page.navigate", url=url)
        time.sleep(1.0)
        deadline = time.time() + timeout
        # a printed report (/report/html/...) is a plain page, not the client
        ready = REPORT_READY_JS if "/report/" in url else READY_JS
        while time.time() < deadline and not self.evaluate(ready):
            time.sleep(0.5)
        time.sleep(settle)  # charts animate, images load
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", browser_level=True)
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def screens(odoo):
    """(file name, path under /odoo, size, login) of the main screens of the
    demo; the field's screens at phone size as the people who work there."""
    ticket = odoo.first_id(
        "helpdesk.ticket", [("stage_id.service_step", "=", "diagnosis")], "id"
    )
    order = odoo.first_id(
        "sale.order", [("contract_state", "=", "distributed")], "id desc"
    )
    callback = odoo.first_id(
        "service.callback", [("method", "=", "onsite"), ("signature", "!=", False)]
    )
    appraisal = odoo.first_id(
        "service.kpi.appraisal", [("state", "=", "reviewed")], "date_from desc"
    )
    complaint = odoo.first_id(
        "helpdesk.ticket",
        [("request_type", "=", "complaint"), ("stage_id.closed", "=", False)],
        "id desc",
    )
    customer_file = odoo.first_id("service.customer.file", [], "id")
    indicator = odoo.first_id(
        "service.kpi.indicator", [("code", "=", "COMPLAINT_HANDLING_RATE")]
    )
    email = odoo.call(
        "ir.model.data",
        "search_read",
        [
            ("module", "=", "helpdesk_mgmt"),
            ("name", "=", "helpdesk_ticket_channel_email"),
        ],
        ["res_id"],
    )
    mailed = odoo.first_id(
        "helpdesk.ticket",
        [("channel_id", "=", email[0]["res_id"] if email else 0)],
        "id desc",
    )
    suggestion = odoo.first_id("service.staff.suggestion", [("state", "=", "adopted")])
    channel_test = odoo.first_id(
        "service.feedback.channel.check", [("state", "=", "failed")]
    )
    visit = odoo.first_id(
        "helpdesk.ticket",
        [("visit_today", "=", True), ("user_id.login", "=", "technician")],
    )
    callback_visit = odoo.first_id(
        "service.callback",
        [
            ("visit_today", "=", True),
            ("state", "=", "planned"),
            ("user_id.login", "=", "agent"),
        ],
    )
    desk = ("desktop", LOGIN)
    pages = [
        ("01-apps", "", *desk),
        ("02-task-orders", "task-orders", *desk),
        ("03-task-order", f"task-orders/{ticket}", *desk),
        ("04-sla-results", "task-order-sla", *desk),
        ("05-contract-review", "contract-review", *desk),
        ("06-contract", f"contract-review/{order}", *desk),
        ("07-callbacks", "callbacks", *desk),
        ("08-callback-signed", f"callbacks/{callback}", *desk),
        ("09-callback-satisfaction", "callback-satisfaction", *desk),
        ("10-callback-statistics", "callback-statistics", *desk),
        ("11-appraisal-dashboard", "service-appraisal-dashboard", *desk),
        ("12-appraisal", f"service-appraisals/{appraisal}", *desk),
        ("13-kpi-dashboard", "kpi-dashboard", *desk),
        # issue 18 at the desk: scripts, report upwards, forms, reply letter,
        # customer files, complaint handling rate
        ("20-hotline-intake", "hotline-intake", *desk),
        ("21-hotline-scripts", "hotline-scripts", *desk),
        ("22-complaint-desk", f"task-orders/{complaint}", *desk),
        ("23-customer-file-accesses", "customer-file-accesses", *desk),
        ("24-customer-file", f"customer-files/{customer_file}", *desk),
        ("25-complaint-handling-rate", f"service-indicators/{indicator}", *desk),
        (
            "26-task-order-form",
            f"{REPORT}.report_helpdesk_ticket_task_order/{ticket}",
            *desk,
        ),
        (
            "27-consultation-service-order",
            f"{REPORT}.report_helpdesk_ticket_consultation_order/{ticket}",
            *desk,
        ),
        ("28-email-task-order", f"task-orders/{mailed}", *desk),
        *((name, path, *desk) for name, path in callback_programme_screens(odoo)),
        ("40-staff-trainings", "staff-trainings", *desk),
        ("41-staff-suggestion", f"staff-suggestions/{suggestion}", *desk),
        ("42-feedback-channels", "feedback-channels", *desk),
        ("43-channel-test-failed", f"feedback-channel-tests/{channel_test}", *desk),
        ("44-phone-visits-today", "visits-today", "phone", "technician"),
        ("45-phone-visit", f"visits-today/{visit}", "phone", "technician"),
        ("46-phone-callback-visits-today", "callback-visits-today", "phone", "agent"),
        (
            "47-phone-callback-visit",
            f"callback-visits-today/{callback_visit}",
            "phone",
            "agent",
        ),
    ]
    return [
        page
        for page in pages
        if "/None" not in page[1] and page[0].startswith(ONLY or "")
    ]


def callback_programme_screens(odoo):
    """The callback plan (its dialog and the printed plan), a visit booked
    with its interviewees and script, the weekly sales routine, the
    customers' suggestions, the scripts, a holiday rule and the rewards and
    fines of the report reviews (issue 18)."""
    today = odoo.call("service.callback.plan", "default_get", ["date_from"])
    start = today.get("date_from")
    plan = odoo.call(
        "service.callback.plan",
        "create",
        {"date_from": start, "date_to": add_days(start, 13)},
    )
    visit = odoo.first_id(
        "service.callback",
        [("appointment_datetime", "!=", False), ("contact_ids", "!=", False)],
    )
    rule = odoo.first_id(
        "service.callback.rule", [("anchor_event", "=", "holiday_customer")]
    )
    action = "action-service_callback."
    return [
        ("30-callback-plan", f"{action}service_callback_plan_action"),
        (
            "31-callback-plan-printed",
            f"/report/html/service_callback.report_callback_plan/{plan}",
        ),
        ("32-callback-visit-booked", f"{action}service_callback_action/{visit}"),
        ("33-weekly-sales-routine", f"{action}service_callback_week_action"),
        ("34-customer-suggestions", f"{action}service_callback_suggestion_action"),
        ("35-callback-scripts", f"{action}service_callback_script_action"),
        ("36-holiday-rule", f"{action}service_callback_rule_action/{rule}"),
        ("37-review-rewards-fines", "action-service_kpi.service_kpi_penalty_action"),
    ]


def add_days(day, count):
    """``day`` (YYYY-MM-DD) plus ``count`` days, as YYYY-MM-DD."""
    moment = datetime.date.fromisoformat(day) + datetime.timedelta(days=count)
    return moment.isoformat()


def main():
    url, db, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    admin = Odoo(url, db)
    admin.login()
    pages = screens(admin)
    # one session per person (demo passwords are the logins)
    sessions = {}
    for login in {page[3] for page in pages}:
        odoo = admin if login == LOGIN else Odoo(url, db)
        cookie = odoo.login() if login == LOGIN else odoo.login(login, login)
        lang = odoo.call("res.users", "read", [odoo.uid], ["lang"])[0]["lang"]
        sessions[login] = (odoo, cookie, lang)
    browser = Browser()
    try:
        for lang, suffix in (("en_US", "en"), ("zh_CN", "zh_CN")):
            for odoo, _cookie, _lang in sessions.values():
                odoo.call("res.users", "write", [odoo.uid], {"lang": lang})
            for name, path, size, login in pages:
                browser.set_cookie(url, "session_id", sessions[login][1])
                browser.resize(size)
                target = os.path.join(out, f"{name}.{suffix}.png")
                page = f"{url}{path}" if path.startswith("/") else f"{url}/odoo/{path}"
                if path.startswith("/report/"):
                    # a printed report: in the language of the run
                    context = urllib.parse.quote(json.dumps({"lang": lang}))
                    page = f"{page}?context={context}"
                browser.shoot(page, target)
                print(f"[screenshots] {target}", flush=True)
    finally:
        for odoo, _cookie, original in sessions.values():
            odoo.call("res.users", "write", [odoo.uid], {"lang": original})
        browser.close()


if __name__ == "__main__":
    main()
