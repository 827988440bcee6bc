"""Multi-worker load test (make load).

Starts Odoo with --workers=2 --max-cron-threads=1 on 127.0.0.1, then drives it
with concurrent JSON-RPC clients for a bounded time: task order intake, hand-off,
callback completion and searches, while the cron runs. Prints p50/p95 latency
per operation, the count of server errors (anything but a clean user,
validation or access error), and checks afterwards that every task order the
clients created exists exactly once and that no callback is duplicated.

Usage: scripts/load.sh  (env: LOAD_CLIENTS=20 LOAD_SECONDS=60 LOAD_PORT=18569)
"""

import itertools
import json
import os
import sys
import threading
import time
import urllib.request
import uuid

PORT = int(os.environ.get("LOAD_PORT", "18569"))
DB = os.environ["LOAD_DB"]
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
URL = f"http://127.0.0.1:{PORT}/jsonrpc"
CLEAN_ERRORS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
)
RUN = uuid.uuid4().hex[:8]


class Client:
    _ids = itertools.count(1)

    def __init__(self, login, password):
        self.login, self.password = login, password
        self.uid = self.call("common", "login", DB, login, password)

    @staticmethod
    def call(service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(Client._ids),
            "params": {"service": service, "method": method, "args": args},
        }
        request = urllib.request.Request(
            URL, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.load(response)
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            DB,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


class RpcError(Exception):
    def __init__(self, error):
        self.name = error.get("data", {}).get("name", "")
        super().__init__(f"{self.name}: {error.get('data', {}).get('message')}")

    @property
    def clean(self):
        return self.name in CLEAN_ERRORS


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.server_errors = []
        self.clean_errors = 0
        self.created_tickets = []
        self.done_callbacks = 0

    def record(self, op, seconds):
        with self.lock:
            self.latency.setdefault(op, []).append(seconds)


def timed(stats, op, fn, *args):
    t0 = time.perf_counter()
    try:
        return fn(*args)
    except RpcError as error:
        with stats.lock:
            if error.clean:
                stats.clean_errors += 1
            else:
                stats.server_errors.append(f"{op}: {error}")
        return None
    except Exception as error:  # HTTP 500, timeouts: the server failed
        with stats.lock:
            stats.server_errors.append(f"{op}: {error!r}")
        return None
    finally:
        stats.record(op, time.perf_counter() - t0)


def worker(index, login, password, scenario, stats, deadline):
    client = Client(login, password)
    context = scenario.setup_client(client, index)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        for op, fn in scenario.operations(client, context, index, n, stats):
            if time.monotonic() >= deadline:
                break
            timed(stats, op, fn)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(scenario):
    admin = Client("admin", "admin")
    logins = scenario.prepare(admin, CLIENTS)
    stats = Stats()
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(
            target=worker, args=(i, login, password, scenario, stats, deadline)
        )
        for i, (login, password) in enumerate(logins)
    ]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - t0
    total = sum(len(v) for v in stats.latency.values())
    print(
        f"load: {CLIENTS} clients, {wall:.1f} s, {total} requests, "
        f"{total / wall:.1f} requests/s"
    )
    for op, values in sorted(stats.latency.items()):
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        print(
            f"load: {op:<20} n={len(values):<6} p50={p50 * 1000:.0f} ms "
            f"p95={p95 * 1000:.0f} ms"
        )
    print(
        f"load: server errors {len(stats.server_errors)}, "
        f"clean rejections {stats.clean_errors}"
    )
    for line in stats.server_errors[:20]:
        print("load:   " + line)
    problems = scenario.verify(admin, stats)
    for problem in problems:
        print("load: CHECK FAILED " + problem)
    print("load: checks " + ("passed" if not problems else "FAILED"))
    return 0 if not stats.server_errors and not problems else 1


if __name__ == "__main__":
    from load_scenario import Scenario

    sys.exit(main(Scenario(RUN)))
