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
    columns = [r[1] for r in db.execute("PRAGMA table_info(work_orders)")]
    row = db.execute(f"SELECT {', '.join(columns)} FROM work_orders ORDER BY accepted_at DESC LIMIT 1").fetchone()
    if row is None:
        sys.exit("no order to copy")
    template = dict(zip(columns, row))
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
    args = p.parse_args()
    sqlite_loop(args) if args.cmd == "sqlite" else pgbench_script(args)


if __name__ == "__main__":
    main()
