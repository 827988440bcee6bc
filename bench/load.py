"""Multi-user load test (make load; started by scripts/load.sh).

Drives the Odoo node(s) started by scripts/load.sh with LOAD_CLIENTS (20)
concurrent web-client sessions (/web/session/authenticate, then
/web/dataset/call_kw and call_button, as the browser does: read-only methods
go to the replica when there is one, which Odoo 18 never does for /jsonrpc)
in two shapes:

- people: each client pauses a random 1-3 s before and between actions, as
  an agent does;
- stress: no pauses, for throughput.

Each shape runs (people LOAD_PEOPLE_SECONDS, 180; stress LOAD_SECONDS, 60)
against the suite's database (with the
suite's crons triggered when the clock starts, over an open backlog of
LOAD_BACKLOG task orders whose deadlines have passed) and then as long
against a database with only helpdesk_mgmt doing the nearest plain-Odoo work
(bench/load_scenario.py), so that each operation's p95 is compared with its
plain-Odoo p95. With LOAD_WARMUP=n, each client runs n rounds of
its operations unmeasured (a user's first requests on each worker fill the
per-user access caches; LOAD_WARMUP=0 measures them). Each request carries a
tag in its URL, which the server's
werkzeug log line repeats with Odoo's query count, query time and remaining
time (bench/load_probe.py reads them): a client's latency is split into the
wait for a free worker (queue), the wait on PostgreSQL locks (sampled from
pg_stat_activity every LOAD_SAMPLE_MS), the sleep before a retry after a
serialization failure, other SQL time and Python time.

Prints per operation p50/p95/p99/max and where the slowest 5 % of its time
goes, requests/s, the busy share of the HTTP workers, the server side per RPC
method (queries, SQL, Python, cursor: ro = served by the replica), the lock
waits (the waiting and the blocking transactions: which cron job or request,
and its statements), the slowest requests, the crons' transactions, the
concurrency retries, the replica's figures, the checks of the records, the
ratios to plain Odoo and PASS/FAIL per target of issue 17. Every request is
also written to var/load/requests-<shape>-<suite|plain>.jsonl.

Exit status: 1 when a correctness check fails (server errors, task orders
lost or duplicated, callbacks, alerts, penalties or indicator values
duplicated by their natural keys, a replica that served nothing); else 2 when
a latency or throughput target fails (LOAD_ENFORCE=0: printed, not
enforced); else 0.
"""

import http.cookiejar
import itertools
import json
import math
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from load_probe import (
    CACHES_CLEARED,
    RETRY,
    CronRun,
    LockSampler,
    ProcessMap,
    ReplicaStats,
    ServerLog,
    ServerRequest,
    Timeline,
    connect,
)
from load_scenario import PlainScenario, SuiteScenario

ENV = os.environ
DB = ENV["LOAD_DB"]
PLAIN_DB = ENV["LOAD_PLAIN_DB"]
URLS = ENV.get("LOAD_URLS", f"http://127.0.0.1:{ENV.get('LOAD_PORT', '18569')}")
URLS = URLS.split()
NODE_PIDS = [int(pid) for pid in ENV.get("LOAD_NODE_PIDS", "").split()]
NODE_LOGS = ENV.get("LOAD_NODE_LOGS", "").split()
CLIENTS = int(ENV.get("LOAD_CLIENTS", "20"))
SECONDS = float(ENV.get("LOAD_SECONDS", "60"))  # the stress shape
# the people shape: long enough that its p95 is the working day's, not the
# start-up's (every session's first requests, the crons' first pass)
PEOPLE_SECONDS = float(ENV.get("LOAD_PEOPLE_SECONDS", "180"))
STARTUP = 5.0  # seconds of the clock reported apart
SHAPES = ENV.get("LOAD_SHAPES", "people stress").replace(",", " ").split()
BACKLOG = int(ENV.get("LOAD_BACKLOG", "100"))
SAMPLE = float(ENV.get("LOAD_SAMPLE_MS", "100")) / 1000
ENFORCE = ENV.get("LOAD_ENFORCE", "1") not in ("0", "", "false", "no")
WARMUP = int(ENV.get("LOAD_WARMUP", "0"))  # unmeasured rounds per client
REPLICA_PORT = (
    int(ENV.get("LOAD_REPLICA_PORT", "5433")) if ENV.get("REPLICA") == "1" else None
)
TIMEOUT = 60  # a measured request
SETUP_TIMEOUT = 900  # making users (password hashes), backlogs, logging in
CLEAN_ERRORS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
)
# the targets of issue 17
PEOPLE_P95_MAX = 1.0
PEOPLE_P95_OPS = ("intake", "hand_off", "callback_done")
PEOPLE_RATIO_MAX = 2.0
STRESS_THROUGHPUT_MIN = 0.5
STRESS_REQUEST_MAX = 5.0


def say(text=""):
    print(f"load: {text}" if text else "load:", flush=True)


# ----------------------------------------------------------------------
# Clients
# ----------------------------------------------------------------------
class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        super().__init__(f"{self.name}: {data.get('message') or error.get('message')}")

    @property
    def clean(self):
        return self.name in CLEAN_ERRORS


@dataclass
class ClientRequest:
    tag: str
    op: str
    model: str
    method: str
    start: float
    end: float
    error: str = ""

    @property
    def seconds(self):
        return self.end - self.start


@dataclass
class OpRun:
    op: str
    seconds: float
    requests: list


class Client:
    """One web-client session on one node."""

    def __init__(self, base, db, login, password, name):
        self.base, self.name = base, name
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )
        self.op, self.rounds, self.requests = "login", 0, None
        self.seq = itertools.count(1)
        result = self._post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]

    def _post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        request = urllib.request.Request(
            self.base + path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json"},
        )
        timeout = TIMEOUT if self.requests is not None else SETUP_TIMEOUT
        with self.opener.open(request, timeout=timeout) as response:
            reply = json.load(response)
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def call(self, model, method, *args, button=False, **kwargs):
        """model.method(*args, **kwargs) as the web client calls it; the tag
        at the end of the URL names the request in the server's log."""
        tag = f"{self.op}.{self.name}.{next(self.seq)}"
        route = "call_button" if button else "call_kw"
        kwargs.setdefault("context", {"lang": "en_US", "tz": "Asia/Shanghai"})
        start, error = time.time(), ""
        try:
            return self._post(
                f"/web/dataset/{route}/{model}/{method}/{tag}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            )
        except Exception as exc:
            error = str(exc)
            raise
        finally:
            if self.requests is not None:
                self.requests.append(
                    ClientRequest(
                        tag, self.op, model, method, start, time.time(), error
                    )
                )


# ----------------------------------------------------------------------
# A phase: one shape, one database
# ----------------------------------------------------------------------
@dataclass
class Phase:
    shape: str
    label: str
    db: str
    wall: float = 0.0
    runs: list = field(default_factory=list)  # OpRun
    server_errors: list = field(default_factory=list)
    clean_errors: Counter = field(default_factory=Counter)
    server: dict = field(default_factory=dict)  # tag -> ServerRequest
    crons: list = field(default_factory=list)
    retries: list = field(default_factory=list)
    invalidations: list = field(default_factory=list)  # caches emptied
    log_errors: list = field(default_factory=list)
    crashes: list = field(default_factory=list)  # (node, exception)
    waits: list = field(default_factory=list)
    lock_of: dict = field(default_factory=dict)  # tag -> lock seconds
    retry_of: dict = field(default_factory=dict)  # tag -> seconds slept to retry
    busy: float = 0.0  # share of the HTTP workers' time spent on requests
    samples: int = 0
    max_lag: float | None = None
    replica: dict | None = None
    checks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    crons_due: int = 0
    timeline: Timeline | None = None
    started: float = 0.0  # epoch seconds

    @property
    def requests(self):
        return [request for run in self.runs for request in run.requests]

    def op_seconds(self):
        result = defaultdict(list)
        for run in self.runs:
            result[run.op].append(run.seconds)
        return result

    @property
    def throughput(self):
        return len(self.requests) / self.wall if self.wall else 0.0


class Driver:
    def __init__(self, shape, scenario, clients, contexts, deadline, phase):
        self.shape, self.scenario = shape, scenario
        self.clients, self.contexts = clients, contexts
        self.deadline, self.phase = deadline, phase
        self.lock = threading.Lock()

    def run(self, index):
        client, context = self.clients[index], self.contexts[index]
        rng = random.Random(index)
        if self.shape == "people":
            # agents do not all press a key at the same instant: each starts
            # after a pause like the others, not in one burst at t = 0
            time.sleep(rng.uniform(0, 3))
        while time.monotonic() < self.deadline:
            client.rounds += 1
            for op, action in self.scenario.actions(client, context, rng):
                if time.monotonic() >= self.deadline:
                    return
                self._act(client, op, action)
                if self.shape == "people":
                    pause = min(rng.uniform(1, 3), self.deadline - time.monotonic())
                    time.sleep(max(pause, 0))

    def _act(self, client, op, action):
        client.op, client.requests = op, []
        start = time.perf_counter()
        try:
            action()
        except RpcError as error:
            with self.lock:
                if error.clean:
                    self.phase.clean_errors[op] += 1
                else:
                    self.phase.server_errors.append(f"{op}: {error}")
        except Exception as error:  # HTTP 500, timeouts: the server failed
            with self.lock:
                self.phase.server_errors.append(f"{op}: {error!r}")
        seconds = time.perf_counter() - start
        if client.requests:
            with self.lock:
                self.phase.runs.append(OpRun(op, seconds, client.requests))
        client.requests = None


def parallel(function, items):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(function, items))


class Crew:
    """A database's scenario, admin session and logged-in clients: made once,
    used by every shape (creating users and logging in hash passwords)."""

    def __init__(self, scenario_class, db):
        self.db = db
        self.scenario = scenario_class(uuid.uuid4().hex[:6], CLIENTS, SECONDS, BACKLOG)
        self.conn = connect(db)
        self.admin = Client(URLS[0], db, "admin", "admin", "admin")
        self.admin.op = "prepare"
        with self.conn.cursor() as cr:
            logins = self.scenario.prepare(self.admin, cr)
        self.clients = parallel(
            lambda item: Client(
                URLS[item[0] % len(URLS)], db, *item[1], name=f"c{item[0]}"
            ),
            list(enumerate(logins)),
        )


def seconds_of(shape):
    return PEOPLE_SECONDS if shape == "people" else SECONDS


def run_phase(shape, crew, processes):
    scenario, clients, admin = crew.scenario, crew.clients, crew.admin
    scenario.start_phase(uuid.uuid4().hex[:6])
    phase = Phase(shape, scenario.label, crew.db)
    db = crew.db
    logs = [ServerLog(path, node) for node, path in enumerate(NODE_LOGS)]
    with crew.conn.cursor() as cr:
        started = time.monotonic()
        scenario.prepare_phase(admin, cr)
        for client in clients:
            client.op, client.rounds = "setup", 0
        contexts = parallel(
            lambda index: scenario.setup_client(clients[index], index),
            range(len(clients)),
        )
        say(
            f"[{shape} {scenario.label}] {len(clients)} clients on {len(URLS)} "
            f"node(s) ready in {time.monotonic() - started:.0f} s; running "
            f"{seconds_of(shape):.0f} s"
        )
        warm_up(scenario, clients, contexts, phase)
        for log in logs:
            log.mark()
        replica = ReplicaStats(db, REPLICA_PORT, DB) if REPLICA_PORT else None
        before = replica.read() if replica else None
        sampler = LockSampler(db, processes, SAMPLE, REPLICA_PORT)
        sampler.start()
        phase.crons_due = scenario.start_crons(admin, cr)
        deadline = time.monotonic() + seconds_of(shape)
        driver = Driver(shape, scenario, clients, contexts, deadline, phase)
        threads = [
            threading.Thread(target=driver.run, args=(index,))
            for index in range(len(clients))
        ]
        started = time.monotonic()
        phase.started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        phase.wall = time.monotonic() - started
        sampler.stop()
        time.sleep(1.5)  # the last log lines; the replica's statistics
        phase.waits, phase.samples = sampler.waits, sampler.samples
        phase.max_lag = sampler.max_lag
        if replica:
            phase.replica = ReplicaStats.delta(before, replica.read())
        collect_logs(phase, logs)
        lines, problems = scenario.verify(cr)
        phase.checks += lines
        phase.problems += problems
    return phase


def warm_up(scenario, clients, contexts, phase):
    """WARMUP rounds of every client's operations before the clock starts,
    unmeasured (their records are checked with the others): a user's first
    requests on a worker fill its per-user caches (access rights, record
    rules), which a working day pays once; a 60 s window would otherwise
    measure them rather than the work. WARMUP=0 measures them."""
    if not WARMUP:
        return

    def one(index):
        client, context = clients[index], contexts[index]
        rng = random.Random(-1 - index)
        for _round in range(WARMUP):
            client.rounds += 1
            for op, action in scenario.actions(client, context, rng):
                client.op = f"warmup-{op}"
                try:
                    action()
                except Exception as error:  # reported, not raised
                    phase.server_errors.append(f"warm-up {op}: {error!r}")

    parallel(one, range(len(clients)))


def collect_logs(phase, logs):
    requests, crons = [], []
    for log in logs:
        node_requests, node_crons, retries, errors = log.read()
        requests += node_requests
        crons += node_crons
        phase.retries += retries
        phase.log_errors += errors
        phase.crashes += [(log.node, crash) for crash in log.crashes]
        phase.invalidations += log.invalidations
    phase.crons = [run for run in crons if run.db == phase.db]
    timeline = Timeline(requests, crons)
    phase.timeline = timeline
    measured = {request.tag for request in phase.requests}
    phase.server = {
        request.tag: request for request in requests if request.tag in measured
    }
    for event in phase.retries:
        item = timeline.at(event.pid, event.at - 0.001)
        slept = RETRY.match(event.text).group(2)
        if isinstance(item, ServerRequest) and item.tag in measured and slept:
            phase.retry_of[item.tag] = phase.retry_of.get(item.tag, 0) + float(slept)
    window = [r for r in requests if r.end >= phase.started]
    workers = 2 * max(len(NODE_LOGS), 1)
    phase.busy = sum(r.seconds for r in window) / (phase.wall * workers or 1)
    for wait in phase.waits:
        item = timeline.at(wait.process.pid, wait.at) if wait.process else None
        wait.holder = item
        if isinstance(item, ServerRequest) and item.tag in measured:
            phase.lock_of[item.tag] = phase.lock_of.get(item.tag, 0) + wait.seconds
        for blocker in wait.blockers:
            blocker.holder = (
                timeline.at(blocker.process.pid, wait.at) if blocker.process else None
            )


# ----------------------------------------------------------------------
# Reports
# ----------------------------------------------------------------------
def pct(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def source(item):
    """What an Odoo process was doing: a cron job or a request."""
    if item is None:
        return "?"
    if isinstance(item, CronRun):
        return f"cron '{item.name}' (node {item.node})"
    if isinstance(item, ServerRequest):
        op = item.tag.split(".")[0] if item.tag else "-"
        what = f"{item.model}.{item.method}" if item.model else item.path[:40]
        return f"request {op} {what} (node {item.node})"
    return "?"


def breakdown(phase, requests):
    """Where the requests' seconds went: waiting for a worker (queue), for
    locks (sampled), in the sleep before a retry, in other SQL and in Python;
    and their queries. A lock wait counts inside Odoo's SQL time when its
    statement succeeded, inside its remaining time when it failed (retried):
    the split is approximate by a sample's 100 ms."""
    parts = Counter()
    for request in requests:
        server = phase.server.get(request.tag)
        if server is None:
            parts["unmatched"] += request.seconds
            continue
        total = server.seconds
        lock = min(phase.lock_of.get(request.tag, 0), total)
        retry = min(phase.retry_of.get(request.tag, 0), total - lock)
        sql = max(server.sql - lock, 0)
        parts["queue"] += max(request.seconds - total, 0)
        parts["lock"] += lock
        parts["retry"] += retry
        parts["sql"] += sql
        parts["python"] += max(total - lock - retry - sql, 0)
        parts["queries"] += server.queries
    return parts


def parts_text(parts, n=1):
    text = f"{ms(parts['queue'] / n)} + {ms(parts['lock'] / n)} + "
    if parts["retry"]:
        text += f"retry {ms(parts['retry'] / n)} + "
    text += f"{ms(parts['sql'] / n)} + {ms(parts['python'] / n)}"
    if parts["unmatched"]:
        text += f" + unmatched {ms(parts['unmatched'] / n)}"
    return text + f" ({parts['queries'] / n:.0f} q)"


def report_ops(phase):
    ops = phase.op_seconds()
    errors = len(phase.server_errors) + len(phase.log_errors)
    say(
        f"== {phase.shape} shape, {phase.label} ({phase.db}): {CLIENTS} clients, "
        f"{phase.wall:.1f} s, {len(phase.requests)} requests, "
        f"{phase.throughput:.1f} requests/s, HTTP workers busy "
        f"{phase.busy:.0%}, {errors} server errors, "
        f"{sum(phase.clean_errors.values())} clean rejections"
    )
    say(
        f"  {'operation':<14} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}"
        "   slowest 5 %: mean = queue + lock wait + other SQL + Python (queries)"
    )
    for op, values in sorted(ops.items()):
        p95 = pct(values, 0.95)
        tail = [run for run in phase.runs if run.op == op and run.seconds >= p95]
        parts = breakdown(phase, [r for run in tail for r in run.requests])
        n = len(tail) or 1
        say(
            f"  {op:<14} {len(values):>5} {ms(pct(values, 0.5)):>8} {ms(p95):>8} "
            f"{ms(pct(values, 0.99)):>8} {ms(max(values)):>8}   "
            f"{ms(sum(run.seconds for run in tail) / n)} = {parts_text(parts, n)}"
        )
    report_startup(phase)
    for line in phase.server_errors[:10]:
        say(f"  SERVER ERROR {line[:300]}")
    for event in phase.log_errors[:5]:
        last = event.text.strip().splitlines()
        say(
            f"  LOG ERROR node {event.node} {event.logger}: {last[0][:150]}"
            + (f" ... {last[-1][:150]}" if len(last) > 1 else "")
        )
    if phase.clean_errors:
        say(f"  clean rejections by operation: {dict(phase.clean_errors)}")
    if phase.crashes:
        crash = Counter(text for _node, text in phase.crashes).most_common(1)[0][0]
        say(
            f"  WARNING {len(phase.crashes)} tracebacks outside Odoo's log records "
            f"(a process the server respawns?), e.g.: {crash[:150]}"
        )


def report_startup(phase):
    """The operations that began in the first STARTUP seconds of the clock
    apart: every session's first requests on its worker fill its per-user
    caches while the suite's crons make their first pass over the backlog;
    a short window would weigh them more than a working day does."""
    early, later = defaultdict(list), defaultdict(list)
    for run in phase.runs:
        begun = run.requests[0].start - phase.started
        (early if begun < STARTUP else later)[run.op].append(run.seconds)
    if not early:
        return
    say(
        f"  first {STARTUP:.0f} s of the clock (cold sessions, the crons' first "
        "pass): p95 then / after, per operation:"
    )
    say(
        "    "
        + ", ".join(
            f"{op} {ms(pct(early[op], 0.95))} / {ms(pct(later[op], 0.95))}"
            f" ({len(early[op])} / {len(later[op])})"
            for op in sorted(early)
        )
    )


def report_methods(phase):
    by_method = defaultdict(list)
    for server in phase.server.values():
        by_method[f"{server.model}.{server.method}"].append(server)
    if not by_method:
        say("  (no server log lines matched the requests)")
        return
    say(
        f"  {'server side per RPC method':<52} {'n':>5} {'p95':>8} "
        f"{'queries':>11} {'SQL':>8} {'Python':>8}  cursor"
    )
    ranked = sorted(
        by_method.items(), key=lambda item: -sum(s.seconds for s in item[1])
    )
    for method, servers in ranked[:10]:
        n = len(servers)
        modes = Counter(s.mode or "rw" for s in servers)
        say(
            f"  {method[:52]:<52} {n:>5} "
            f"{ms(pct([s.seconds for s in servers], 0.95)):>8} "
            f"{sum(s.queries for s in servers) / n:>5.0f} "
            f"max {max(s.queries for s in servers):<4}"
            f"{ms(sum(s.sql for s in servers) / n):>8} "
            f"{ms(sum(s.python for s in servers) / n):>8}  "
            + " ".join(f"{mode} {count}" for mode, count in sorted(modes.items()))
        )


def report_locks(phase):
    total = sum(wait.seconds for wait in phase.waits)
    say(
        f"  lock waits: {total:.1f} s waited on locks in {phase.samples} samples "
        f"every {SAMPLE * 1000:.0f} ms"
        + (
            f"; replica at most {phase.max_lag / 1024:.0f} kB behind"
            if REPLICA_PORT and phase.max_lag is not None
            else ""
        )
    )
    if not phase.waits:
        return
    waiting, holders, locks = Counter(), Counter(), Counter()
    statements = defaultdict(Counter)
    for wait in phase.waits:
        waiting[(source(wait.holder), wait.statement)] += wait.seconds
        locks[wait.lock] += wait.seconds
        share = wait.seconds / max(len(wait.blockers), 1)
        for blocker in wait.blockers:
            who = (
                source(blocker.holder)
                if blocker.holder
                else blocker.process.label()
                if blocker.process
                else f"backend {blocker.pid}"
            )
            holders[who] += share
            statements[who][f"[{blocker.state}] {blocker.statement}"] += share
    say("  waiting (who, statement): seconds")
    for (who, statement), seconds in waiting.most_common(5):
        say(f"    {seconds:6.1f} s  {who}: {statement}")
    say(
        "  blocked by (the transaction holding the lock; its statements while "
        "others waited): seconds"
    )
    for who, seconds in holders.most_common(5):
        say(f"    {seconds:6.1f} s  {who}")
        for statement, part in statements[who].most_common(3):
            say(f"      {part:6.1f} s  {statement}")
    say(
        "  locks waited for: "
        + "; ".join(f"{lock} {seconds:.1f} s" for lock, seconds in locks.most_common(4))
    )


def report_slowest(phase):
    requests = sorted(phase.requests, key=lambda r: -r.seconds)[:6]
    if not requests:
        return
    say("  slowest requests: client = queue + lock wait + other SQL + Python (queries)")
    for request in requests:
        server = phase.server.get(request.tag)
        if server is None:
            say(
                f"    {ms(request.seconds):>8} {request.tag} {request.model}."
                f"{request.method}: no server log line {request.error[:80]}"
            )
            continue
        blockers = Counter(
            source(blocker.holder) if blocker.holder else "?"
            for wait in phase.waits
            if wait.holder is server
            for blocker in wait.blockers
        )
        say(
            f"    {ms(request.seconds):>8} = {parts_text(breakdown(phase, [request]))} "
            f"{request.model}.{request.method} [{request.op}]"
            + (f" blocked by {blockers.most_common(1)[0][0]}" if blockers else "")
        )


def report_server(phase):
    crons = defaultdict(list)
    for run in phase.crons:
        crons[run.name].append(run)
    for name, runs in sorted(crons.items()):
        spans = [(run.end or time.time()) - run.start for run in runs]
        say(
            f"  cron '{name}': {len(runs)} transaction(s), {sum(spans):.1f} s, "
            f"longest {max(spans):.1f} s, {sum(run.records for run in runs)} records"
        )
    if phase.crons_due:
        say(f"  ({phase.crons_due} suite crons made due when the clock started)")
    retries = Counter()
    for event in phase.retries:
        holder = phase.timeline.at(event.pid, event.at - 0.001)
        retries[(event.text.split(",")[0], source(holder) if holder else "?")] += 1
    for (code, who), count in retries.most_common(6):
        say(f"  retried {count} x {code}: {who}")
    if not phase.retries:
        say("  no concurrency retries (serialization failures, deadlocks) logged")
    for event in phase.invalidations:
        holder = phase.timeline.at(event.pid, event.at - 0.001)
        caches = CACHES_CLEARED.match(event.text).group(1)
        say(
            f"  caches of every worker emptied at +{event.at - phase.started:.1f} s "
            f"({caches}) by {source(holder)}: the requests after it ran cold"
        )


def served_statements(delta):
    """The replica's statements other than transaction control and the
    registry's signaling check, by statement."""
    noise = ("BEGIN", "ROLLBACK", "COMMIT", "DISCARD", "SET ", "SHOW ")
    ours = ("base_registry_signaling", "pg_last_wal_replay_lsn", "pg_stat_", "pg_ext")
    return {
        query: count
        for query, count in (delta or {}).get("statements", {}).items()
        if not query.startswith(noise) and not any(mark in query for mark in ours)
    }


def report_replica(phase):
    if not REPLICA_PORT:
        return
    modes = Counter(server.mode or "?" for server in phase.server.values())
    delta = phase.replica or {}
    calls = delta.get("statements", {})
    say(
        f"  replica (port {REPLICA_PORT}): requests by cursor "
        + ", ".join(f"{mode} {count}" for mode, count in sorted(modes.items()))
        + f"; on the replica: {delta.get('xact_commit', 0)} transactions, "
        f"{sum(calls.values())} statements, {delta.get('tup_returned', 0)} rows "
        "returned"
    )
    served = served_statements(delta)
    say(
        f"    {sum(served.values())} of them other than transaction control and "
        "the registry's signaling check (every request opens the registry on "
        "the replica) and this script's own probes; the most frequent:"
    )
    for query, count in sorted(served.items(), key=lambda item: -item[1])[:4]:
        say(f"    {count:>6} x {query}")


def dump(phase):
    """Every measured request, one JSON line each, for a closer look:
    var/load/requests-<shape>-<suite|plain>.jsonl."""
    folder = ENV.get("LOAD_OUT")
    if not folder:
        return
    path = os.path.join(folder, f"requests-{phase.shape}-{phase.label}.jsonl")
    with open(path, "w") as handle:
        for request in phase.requests:
            server = phase.server.get(request.tag)
            row = {
                "tag": request.tag,
                "op": request.op,
                "method": f"{request.model}.{request.method}",
                "client_start": round(request.start, 4),
                "client_end": round(request.end, 4),
                "error": request.error,
                "lock": round(phase.lock_of.get(request.tag, 0), 3),
                "retry_sleep": round(phase.retry_of.get(request.tag, 0), 3),
            }
            if server:
                row.update(
                    node=server.node,
                    pid=server.pid,
                    server_start=round(server.start, 4),
                    server_end=round(server.end, 4),
                    queries=server.queries,
                    sql=server.sql,
                    python=server.python,
                    cursor=server.mode,
                )
            handle.write(json.dumps(row) + "\n")


def report_phase(phase):
    dump(phase)
    report_ops(phase)
    report_methods(phase)
    report_locks(phase)
    report_slowest(phase)
    report_server(phase)
    report_replica(phase)
    for line in phase.checks:
        say(f"  check: {line}")
    for problem in phase.problems:
        say(f"  CHECK FAILED {problem}")


def judge(phases):
    """PASS/FAIL per target; returns the number of targets failed."""
    failed = 0

    def target(ok, text):
        nonlocal failed
        failed += not ok
        say(f"TARGET {'PASS' if ok else 'FAIL'} {text}")

    for shape in SHAPES:
        suite = phases.get((shape, "suite"))
        plain = phases.get((shape, "plain"))
        if not suite or not plain:
            continue
        ours, theirs = suite.op_seconds(), plain.op_seconds()
        say(f"== {shape} shape: p95 suite / plain")
        for op in sorted(ours):
            a, b = pct(ours[op], 0.95), pct(theirs.get(op, []), 0.95)
            ratio = a / b if b else float("inf")
            say(f"  {op:<14} {ms(a):>8} / {ms(b):>8} = {ratio:.1f}x")
            if shape == "people":
                target(
                    ratio <= PEOPLE_RATIO_MAX,
                    f"people {op} p95 <= 2x plain: {ratio:.1f}x",
                )
        if shape == "people":
            for op in PEOPLE_P95_OPS:
                value = pct(ours.get(op, []), 0.95)
                target(value < PEOPLE_P95_MAX, f"people {op} p95 < 1 s: {ms(value)}")
        if shape == "stress":
            ratio = suite.throughput / plain.throughput if plain.throughput else 0
            target(
                ratio >= STRESS_THROUGHPUT_MIN,
                f"stress throughput >= half of plain: {suite.throughput:.1f} / "
                f"{plain.throughput:.1f} requests/s = {ratio:.2f}",
            )
            slowest = max((r.seconds for r in suite.requests), default=0)
            target(
                slowest < STRESS_REQUEST_MAX,
                f"stress no request over 5 s: slowest {ms(slowest)}",
            )
    return failed


def correctness(phases):
    problems = []
    for phase in phases.values():
        where = f"{phase.shape} {phase.label}"
        errors = len(phase.server_errors) + len(phase.log_errors)
        if errors:
            problems.append(f"{where}: {errors} server errors")
        problems += [f"{where}: {problem}" for problem in phase.problems]
        if REPLICA_PORT and phase.label == "suite":
            served = sum(served_statements(phase.replica).values())
            readonly = sum(1 for s in phase.server.values() if s.mode == "ro")
            if not served or not readonly:
                problems.append(
                    f"{where}: the replica served {served} statements and "
                    f"{readonly} read-only requests"
                )
    return problems


def main():
    processes = ProcessMap(NODE_PIDS)
    phases, crews = {}, {}
    for shape in SHAPES:
        for scenario_class, db in ((SuiteScenario, DB), (PlainScenario, PLAIN_DB)):
            if db not in crews:
                started = time.monotonic()
                crews[db] = Crew(scenario_class, db)
                say(
                    f"{db}: {CLIENTS} users made and logged in "
                    f"({time.monotonic() - started:.0f} s)"
                )
            phase = run_phase(shape, crews[db], processes)
            phases[shape, phase.label] = phase
            report_phase(phase)
    failed = judge(phases)
    problems = correctness(phases)
    for problem in problems:
        say(f"CHECK FAILED {problem}")
    say(
        "checks "
        + ("passed" if not problems else "FAILED")
        + f"; targets: {failed} failed"
        + ("" if ENFORCE else " (LOAD_ENFORCE=0: not enforced)")
    )
    if problems:
        return 1
    return 2 if failed and ENFORCE else 0


if __name__ == "__main__":
    sys.exit(main())
