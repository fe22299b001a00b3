#!/usr/bin/env python3
"""Direct single-row inserts of a work order: the baselines of bench/workorders.sh's intake.

sqlite DB --seconds S
    Copies one stored order (as the app wrote it) into new rows for S seconds, one INSERT per
    transaction (BEGIN ... COMMIT), as the server commits each order; with the app's settings:
    foreign keys on (sqlite-kit), the file's own journal mode, SQLite's default synchronous=FULL.
    Prints rows per second.
pgbench-script ROW.json
    The same single-row INSERT as a pgbench script (literal values from one stored order, a new
    id and number each time), printed to stdout.
sqlite-intake DB --seconds S
    An intake's database work done directly, for comparison: the five reads the server makes
    (token holder, the calendar's years and days, the unit, the people above it) and, in one
    transaction, copies of the newest order, timeline event, audit record and inbox notice.
    Prints transactions per second.
pgbench-intake ROWS.json
    The same reads and rows as a pgbench script (the four rows in one statement), from the
    stored values in ROWS.json (see bench/wo_lib.sh), printed to stdout.
"""

import argparse
import json
import sqlite3
import sys
import time
import uuid


def sqlite_loop(args):
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    template = newest(db, "work_orders", "accepted_at")
    columns = list(template)
    as_blob = isinstance(template["id"], bytes)
    insert = db.execute  # bound once; sqlite3 caches the prepared statement by its text
    sql = f"INSERT INTO work_orders ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    n, started = 0, time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        u = uuid.uuid4()
        template["id"] = u.bytes if as_blob else str(u).upper()
        template["number"] = "BENCH-" + u.hex
        insert("BEGIN")
        insert(sql, [template[c] for c in columns])
        insert("COMMIT")
        n += 1
    elapsed = time.perf_counter() - started
    print(f"{n / elapsed:.1f} {n} journal_mode={mode} synchronous={sync}")


ACTOR = (
    "SELECT u.id, u.username, u.display_name, u.roles, u.locale, u.unit_id, n.name, n.path "
    "FROM users u JOIN units n ON n.id = u.unit_id"
)
BY_TOKEN = ACTOR + " JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = {} AND t.revoked_at IS NULL AND u.is_active = {}"
CALENDAR = ["SELECT year FROM calendar_years", "SELECT date, kind, name FROM calendar_days"]
INTAKE_TABLES = [
    ("work_orders", "accepted_at"),
    ("work_order_events", "at"),
    ("audit_records", "at"),
    ("notifications", "created_at"),
]


def newest(db, table, order_by):
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    row = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order_by} DESC LIMIT 1").fetchone()
    if row is None:
        sys.exit(f"no row in {table} to copy")
    return dict(zip(columns, row))


def sqlite_intake(args):
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    token = db.execute("SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL LIMIT 1").fetchone()[0]
    rows = {table: newest(db, table, order_by) for table, order_by in INTAKE_TABLES}
    unit = rows["work_orders"]["unit_id"]
    path = db.execute("SELECT path FROM units WHERE id = ?", [unit]).fetchone()[0]
    above = [p for p in path.split("/") if p]
    reads = [(BY_TOKEN.format("?", "1"), [token])] + [(q, []) for q in CALENDAR]
    reads += [("SELECT * FROM units WHERE id = ?", [unit])]
    reads += [(ACTOR + f" WHERE u.unit_id IN ({', '.join('?' * len(above))}) AND u.is_active = 1", above)]
    inserts = {t: f"INSERT INTO {t} ({', '.join(r)}) VALUES ({', '.join('?' * len(r))})" for t, r in rows.items()}
    n, started = 0, time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        for sql, params in reads:
            db.execute(sql, params).fetchall()
        order_id = str(uuid.uuid4()).upper()
        rows["work_orders"].update(id=order_id, number="BENCH-" + order_id)
        rows["work_order_events"].update(id=str(uuid.uuid4()).upper(), order_id=order_id)
        rows["audit_records"].update(id=str(uuid.uuid4()).upper(), entity_id=order_id)
        rows["notifications"].update(id=str(uuid.uuid4()).upper())
        db.execute("BEGIN")
        for table, row in rows.items():
            db.execute(inserts[table], list(row.values()))
        db.execute("COMMIT")
        n += 1
    elapsed = time.perf_counter() - started
    print(f"{n / elapsed:.1f} {n}")


def pgbench_intake(args):
    with open(args.rows, encoding="utf-8") as f:
        stored = json.loads(f.read())
    above = [p for p in stored["path"].split("/") if p]
    print(BY_TOKEN.format(literal(stored["token"]), "true") + ";")
    for q in CALENDAR:
        print(q + ";")
    print(f"SELECT * FROM units WHERE id = {literal(stored['work_orders']['unit_id'])};")
    print(ACTOR + f" WHERE u.unit_id IN ({', '.join(map(literal, above))}) AND u.is_active = true;")
    fresh = {
        "work_orders": {"id": "gen_random_uuid()", "number": "'BENCH-' || gen_random_uuid()::text"},
        "work_order_events": {"id": "gen_random_uuid()", "order_id": "(SELECT id FROM o)"},
        "audit_records": {"id": "gen_random_uuid()", "entity_id": "(SELECT id::text FROM o)"},
        "notifications": {"id": "gen_random_uuid()"},
    }

    def insert(table):
        row = stored[table]
        values = [fresh[table].get(c, literal(v)) for c, v in row.items()]
        return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(values)})"

    print("BEGIN;")
    print(
        f"WITH o AS ({insert('work_orders')} RETURNING id), e AS ({insert('work_order_events')}), "
        f"a AS ({insert('audit_records')}) {insert('notifications')};"
    )
    print("END;")


def literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "$v$" + str(value) + "$v$"


def pgbench_script(args):
    with open(args.row, encoding="utf-8") as f:
        row = json.loads(f.read())
    row["id"] = None
    row["number"] = None
    values = []
    for column, value in row.items():
        if column == "id":
            values.append("gen_random_uuid()")
        elif column == "number":
            values.append("'BENCH-' || gen_random_uuid()::text")
        else:
            values.append(literal(value))
    print(f"INSERT INTO work_orders ({', '.join(row)}) VALUES ({', '.join(values)});")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sqlite")
    s.add_argument("db")
    s.add_argument("--seconds", type=float, default=30)
    g = sub.add_parser("pgbench-script")
    g.add_argument("row")
    i = sub.add_parser("sqlite-intake")
    i.add_argument("db")
    i.add_argument("--seconds", type=float, default=30)
    j = sub.add_parser("pgbench-intake")
    j.add_argument("rows")
    args = p.parse_args()
    {"sqlite": sqlite_loop, "pgbench-script": pgbench_script, "sqlite-intake": sqlite_intake, "pgbench-intake": pgbench_intake}[
        args.cmd
    ](args)


if __name__ == "__main__":
    main()
