#!/usr/bin/env python3
"""Times work-order pages for bench/workorders.sh as one signed-in user (standard library only).

Signs in through the login form (session cookie, CSRF token), then fetches each page once to
warm up and --repeat times on one keep-alive connection; prints "NAME MEDIAN_MS" per page.

    wo_pages.py http://127.0.0.1:PORT USER PASSWORD queue=/work-orders?view=open order=/work-orders/ID ...
"""

import argparse
import http.client
import re
import statistics
import sys
import time
import urllib.parse


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base")
    p.add_argument("user")
    p.add_argument("password")
    p.add_argument("pages", nargs="+", help="NAME=PATH")
    p.add_argument("--repeat", type=int, default=9)
    args = p.parse_args()
    url = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    cookies = {}

    def request(method, path, body=None, headers=None):
        h = dict(headers or {})
        if cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        return r.status, r.getheader("Location"), data

    status, _, page = request("GET", "/login")
    token = re.search(rb'name="csrfToken" value="([^"]+)"', page)
    if status != 200 or not token:
        sys.exit(f"GET /login gave {status} without a CSRF token")
    form = urllib.parse.urlencode({"csrfToken": token.group(1).decode(), "username": args.user, "password": args.password})
    status, location, _ = request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
    if status not in (302, 303) or (location or "").endswith("/login"):
        sys.exit(f"signing in as {args.user} failed: HTTP {status} to {location}")
    for spec in args.pages:
        name, _, path = spec.partition("=")
        times = []
        for n in range(args.repeat + 1):
            t0 = time.perf_counter()
            status, location, body = request("GET", path)
            ms = (time.perf_counter() - t0) * 1000
            if status != 200:
                sys.exit(f"{name}: GET {path} gave HTTP {status} {location or ''} {body[:300]!r}")
            if n:  # the first fetch only warms caches
                times.append(ms)
        print(f"{name} {statistics.median(times):.2f} {len(body)}")


if __name__ == "__main__":
    main()
