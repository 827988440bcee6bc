"""What make load measures on the server side (bench/load.py).

- LockSampler: a thread that samples pg_stat_activity every LOAD_SAMPLE_MS
  (100 ms) during a phase: every backend waiting on a heavyweight lock
  (wait_event_type 'Lock'), the lock it waits for (pg_locks), the backends
  blocking it (pg_blocking_pids) and their current statement and transaction
  age. Each sample counts the time since the previous one as lock wait.
- ProcessMap: which Odoo process holds a PostgreSQL backend's connection (the
  unix socket peers of `ss -xp`), and what that process is: the HTTP or cron
  worker of which node (/proc: its title and parent).
- ServerLog: Odoo's log lines of one node: the werkzeug line of each request
  (query count, query time, remaining time and, with a replica, the cursor
  mode), the cron jobs' start and end, the concurrency retries and the errors.
- ReplicaStats: the replica's pg_stat_database and pg_stat_statements
  counters, read before and after a phase.
"""

import bisect
import calendar
import os
import re
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import psycopg2

SOCKETS = os.environ.get("LOAD_PG_SOCKETS", "/var/run/postgresql")


def connect(db, port=None):
    """A connection to the primary (libpq's defaults: PGHOST, PGPORT) or,
    with ``port``, to the local server on that port."""
    kwargs = {"dbname": db}
    if port:
        kwargs.update(host=SOCKETS, port=port)
    conn = psycopg2.connect(**kwargs)
    conn.autocommit = True
    return conn


def normalize(sql, width=150):
    """A statement without its values, so that equal statements group."""
    text = re.sub(r"\s+", " ", sql or "").strip()
    text = re.sub(r"'(?:[^']|'')*'", "?", text)
    text = re.sub(r"\b\d+(?:\.\d+)?\b", "?", text)
    text = re.sub(r"\((?:\s*\?\s*,)+\s*\?\s*\)", "(?, ...)", text)
    return text[:width] + ("..." if len(text) > width else "")


# ----------------------------------------------------------------------
# Odoo processes behind PostgreSQL backends
# ----------------------------------------------------------------------
@dataclass(frozen=True)
class OdooProcess:
    pid: int
    node: int | None
    role: str  # "http", "cron", "other"

    def label(self):
        node = "?" if self.node is None else self.node
        return f"{self.role} worker {self.pid} of node {node}"


class ProcessMap:
    """PostgreSQL backend pid -> the Odoo process at the other end."""

    def __init__(self, node_pids):
        self.node_of = {pid: index for index, pid in enumerate(node_pids)}
        self.client_of = {}
        self.processes = {}
        self.refreshed = 0.0
        self.lock = threading.Lock()

    def refresh(self):
        try:
            out = subprocess.run(
                ["ss", "-xpn"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return
        owner, backends = {}, []
        for line in out.splitlines()[1:]:
            parts = line.split()
            found = re.search(r'\("[^"]*",pid=(\d+)', line)
            if len(parts) < 8 or not found:
                continue
            pid = int(found.group(1))
            owner[parts[5]] = pid
            if ".s.PGSQL." in parts[4]:
                backends.append((pid, parts[7]))
        self.client_of = {backend: owner.get(peer) for backend, peer in backends}
        self.refreshed = time.monotonic()

    def process(self, backend_pid):
        with self.lock:
            if (
                backend_pid not in self.client_of
                and time.monotonic() - self.refreshed > 1
            ):
                self.refresh()
            pid = self.client_of.get(backend_pid)
            if pid is None:
                return None
            if pid not in self.processes:
                self.processes[pid] = self._describe(pid)
            return self.processes[pid]

    def _describe(self, pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                title = handle.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return OdooProcess(pid, None, "other")
        role = (
            "cron"
            if "WorkerCron" in title
            else "http"
            if "WorkerHTTP" in title
            else "other"
        )
        return OdooProcess(pid, self.node_of.get(ppid, self.node_of.get(pid)), role)


# ----------------------------------------------------------------------
# Lock waits
# ----------------------------------------------------------------------
@dataclass
class Blocker:
    pid: int
    process: OdooProcess | None
    state: str
    statement: str
    xact_age: float
    holder: object = None  # the cron run or request of its process then


@dataclass
class LockWait:
    at: float  # epoch seconds
    seconds: float  # wait time this sample stands for
    pid: int
    process: OdooProcess | None
    statement: str
    lock: str
    blockers: list = field(default_factory=list)
    holder: object = None  # the cron run or request waiting


WAITERS = """
SELECT a.pid, a.query,
       (SELECT string_agg(DISTINCT l.locktype || ' ' || l.mode
                          || coalesce(' on ' || l.relation::regclass::text, ''), ', ')
          FROM pg_locks l
         WHERE l.pid = a.pid AND NOT l.granted),
       pg_blocking_pids(a.pid)
  FROM pg_stat_activity a
 WHERE a.datname = %s AND a.wait_event_type = 'Lock' AND a.pid <> pg_backend_pid()
"""
BLOCKERS = """
SELECT pid, state, query,
       coalesce(extract(epoch FROM clock_timestamp() - xact_start), 0)
  FROM pg_stat_activity
 WHERE pid = ANY(%s)
"""


class LockSampler(threading.Thread):
    def __init__(self, db, processes, interval=0.1, replica_port=None):
        super().__init__(daemon=True)
        self.db, self.processes, self.interval = db, processes, interval
        self.replica_port = replica_port
        self.max_lag = None  # bytes of WAL the replica was behind, at most
        self.waits = []
        self.samples = 0
        self.errors = []
        self.halt = threading.Event()

    def run(self):
        try:
            conn = connect(self.db)
        except psycopg2.Error as error:
            self.errors.append(str(error))
            return
        replica = connect(self.db, self.replica_port) if self.replica_port else None
        last = lagged = time.time()
        with conn.cursor() as cr:
            while not self.halt.is_set():
                now = time.time()
                step, last = min(now - last, 5 * self.interval), now
                try:
                    self._sample(cr, now, step or self.interval)
                    if replica is not None and now - lagged >= 1:
                        self._lag(cr, replica)
                        lagged = now
                except psycopg2.Error as error:
                    self.errors.append(str(error))
                self.samples += 1
                self.halt.wait(self.interval)
        conn.close()
        if replica is not None:
            replica.close()

    def _lag(self, cr, replica):
        cr.execute("SELECT pg_current_wal_lsn()")
        position = cr.fetchone()[0]
        with replica.cursor() as rcr:
            rcr.execute(
                "SELECT greatest(pg_wal_lsn_diff(%s::pg_lsn, "
                "pg_last_wal_replay_lsn()), 0)",
                [position],
            )
            lag = float(rcr.fetchone()[0] or 0)
        self.max_lag = max(self.max_lag or 0, lag)

    def _sample(self, cr, now, step):
        cr.execute(WAITERS, [self.db])
        waiters = cr.fetchall()
        if not waiters:
            return
        blocking = sorted({pid for row in waiters for pid in row[3] or ()})
        blockers = {}
        if blocking:
            cr.execute(BLOCKERS, [blocking])
            for pid, state, query, age in cr.fetchall():
                blockers[pid] = Blocker(
                    pid,
                    self.processes.process(pid),
                    state or "",
                    normalize(query),
                    float(age),
                )
        for pid, query, lock, blocked_by in waiters:
            self.waits.append(
                LockWait(
                    now,
                    step,
                    pid,
                    self.processes.process(pid),
                    normalize(query),
                    lock or "?",
                    [blockers[b] for b in blocked_by or () if b in blockers],
                )
            )

    def stop(self):
        self.halt.set()
        self.join(10)


# ----------------------------------------------------------------------
# Odoo's log
# ----------------------------------------------------------------------
LINE = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) (\d+) ([A-Z]+) (\S+) ([\w.]+): (.*)$"
)
REQUEST = re.compile(
    r'"(?:GET|POST) (\S+) HTTP/[\d.]+" (\d{3}) \S+ (\d+) ([\d.]+) ([\d.]+)'
    r"(?: (ro->rw|ro|rw|-))?\s*$"
)
ROUTE = re.compile(r"^/web/dataset/call_(kw|button)/([^/]+)/([^/]+)(?:/([^/?]+))?")
RETRY = re.compile(
    r"^(\w+), (?:\d+ tries left, try again in ([\d.]+) sec|maximum number of tries)"
)
# statements failing with these are retried by Odoo (a request) or fail their
# caller (a cron job: its own ERROR line): not counted twice as errors
CONCURRENCY = ("could not serialize", "deadlock detected", "could not obtain lock")
# a process that changed what the caches hold (a user's groups, say) tells
# the others, which empty theirs: every request after it runs cold
CACHES_CLEARED = re.compile(
    r"^Caches invalidated, signaling through the database: (.*)"
)
JOB_START = re.compile(r"^Job '(.+)' \((\d+)\) starting")
JOB_END = re.compile(r"^Job '(.+)' \((\d+)\) processed (\d+) records, (\d+) records")


@dataclass
class ServerRequest:
    node: int
    pid: int
    end: float
    path: str
    status: int
    queries: int
    sql: float
    python: float
    mode: str
    model: str = ""
    method: str = ""
    tag: str = ""

    @property
    def seconds(self):
        return self.sql + self.python

    @property
    def start(self):
        return self.end - self.seconds


@dataclass
class CronRun:
    node: int
    pid: int
    name: str
    start: float
    end: float | None = None
    records: int = 0
    db: str = ""


@dataclass
class LogEvent:
    node: int
    pid: int
    at: float
    level: str
    logger: str
    text: str


def _epoch(stamp, millis):
    # Odoo runs in UTC (odoo/__init__.py sets TZ=UTC): its log times are UTC
    return calendar.timegm(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + (
        int(millis) / 1000
    )


class ServerLog:
    """The lines one node wrote to its log from a given offset on."""

    def __init__(self, path, node):
        self.path, self.node = path, node
        self.offset = 0
        self.crashes = []
        self.invalidations = []

    def mark(self):
        try:
            self.offset = os.path.getsize(self.path)
        except OSError:
            self.offset = 0

    def read(self):
        """Requests, cron runs, retries and errors since mark()."""
        requests, crons, retries, errors = [], [], [], []
        running = {}
        try:
            with open(self.path, errors="replace") as handle:
                handle.seek(self.offset)
                lines = handle.read().splitlines()
        except OSError:
            lines = []
        event = None
        self.crashes = []  # tracebacks printed outside Odoo's log records
        self.invalidations = []  # LogEvent: caches emptied for every process
        for line in lines:
            match = LINE.match(line)
            if not match:
                if event is not None and line.strip():
                    event.text += "\n" + line  # a traceback's lines
                elif line.startswith("Traceback"):
                    self.crashes.append("")
                elif self.crashes and line and not line.startswith(" "):
                    self.crashes[-1] = line  # its last line: the exception
                continue
            stamp, millis, pid, level, _db, logger, text = match.groups()
            at, pid = _epoch(stamp, millis), int(pid)
            event = None
            if logger == "werkzeug":
                request = self._request(pid, at, text)
                if request:
                    requests.append(request)
            elif logger.endswith("ir_cron"):
                self._cron(running, crons, pid, at, text, _db)
            if logger == "odoo.modules.registry" and CACHES_CLEARED.match(text):
                self.invalidations.append(
                    LogEvent(self.node, pid, at, level, logger, text)
                )
            if logger == "odoo.service.model" and RETRY.match(text):
                retries.append(LogEvent(self.node, pid, at, level, logger, text))
            if level in ("ERROR", "CRITICAL"):
                event = LogEvent(self.node, pid, at, level, logger, text)
                errors.append(event)
        crons.extend(running.values())
        errors = [
            event
            for event in errors
            if event.logger != "odoo.sql_db"
            or not any(marker in event.text for marker in CONCURRENCY)
        ]
        return requests, crons, retries, errors

    def _request(self, pid, at, text):
        match = REQUEST.search(text)
        if not match:
            return None
        path, status, queries, sql, python, mode = match.groups()
        request = ServerRequest(
            self.node,
            pid,
            at,
            path,
            int(status),
            int(queries),
            float(sql),
            float(python),
            mode or "",
        )
        route = ROUTE.match(path)
        if route:
            request.model, request.method = route.group(2), route.group(3)
            request.tag = route.group(4) or ""
        return request

    def _cron(self, running, crons, pid, at, text, db):
        start = JOB_START.match(text)
        if start:
            running[pid] = CronRun(self.node, pid, start.group(1), at, db=db)
            return
        end = JOB_END.match(text)
        if end and pid in running:
            run = running.pop(pid)
            run.end, run.records = at, int(end.group(3))
            crons.append(run)


class Timeline:
    """What each Odoo process was doing when: its requests and cron runs."""

    def __init__(self, requests, crons):
        self.spans = defaultdict(list)
        for request in requests:
            self.spans[request.pid].append((request.start, request.end, request))
        for run in crons:
            self.spans[run.pid].append((run.start, run.end or time.time(), run))
        for spans in self.spans.values():
            spans.sort(key=lambda span: span[0])
        self.starts = {
            pid: [span[0] for span in spans] for pid, spans in self.spans.items()
        }

    def at(self, pid, moment):
        """The request or cron run of ``pid`` in progress at ``moment``."""
        spans = self.spans.get(pid)
        if not spans:
            return None
        index = bisect.bisect_right(self.starts[pid], moment) - 1
        # requests of a worker do not overlap; allow the log's 1 ms rounding
        for start, end, item in spans[max(index - 1, 0) : index + 1][::-1]:
            if start - 0.002 <= moment <= end + 0.002:
                return item
        return None


# ----------------------------------------------------------------------
# The replica
# ----------------------------------------------------------------------
class ReplicaStats:
    """Counters of a database on the replica; its statements are read from
    pg_stat_statements through ``stats_db``, where the extension exists."""

    def __init__(self, db, port, stats_db):
        self.db, self.port, self.stats_db = db, port, stats_db

    def read(self):
        conn = connect(self.stats_db, self.port)
        try:
            with conn.cursor() as cr:
                cr.execute(
                    "SELECT pg_is_in_recovery(), xact_commit, tup_returned, "
                    "tup_fetched FROM pg_stat_database WHERE datname = %s",
                    [self.db],
                )
                recovery, commits, returned, fetched = cr.fetchone()
                statements = {}
                cr.execute(
                    "SELECT count(*) FROM pg_extension "
                    "WHERE extname = 'pg_stat_statements'"
                )
                if cr.fetchone()[0]:
                    cr.execute(
                        "SELECT s.query, s.calls FROM pg_stat_statements s "
                        "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s",
                        [self.db],
                    )
                    for query, calls in cr.fetchall():
                        key = normalize(query, 120)
                        statements[key] = statements.get(key, 0) + calls
        finally:
            conn.close()
        return {
            "recovery": recovery,
            "xact_commit": commits,
            "tup_returned": returned,
            "tup_fetched": fetched,
            "statements": statements,
        }

    @staticmethod
    def delta(before, after):
        calls = {
            query: count - before["statements"].get(query, 0)
            for query, count in after["statements"].items()
        }
        calls = {query: count for query, count in calls.items() if count > 0}
        return {
            "recovery": after["recovery"],
            "xact_commit": after["xact_commit"] - before["xact_commit"],
            "tup_returned": after["tup_returned"] - before["tup_returned"],
            "tup_fetched": after["tup_fetched"] - before["tup_fetched"],
            "statements": calls,
        }
