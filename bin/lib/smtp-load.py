#!/usr/bin/env python3
"""SMTP load generator for the benchmark scripts (bin/bench-outbound, bin/bench-relay).

Sends COUNT messages of SIZE body octets over SESSIONS concurrent connections (threads), each
connection reused for its share of the messages, optionally with STARTTLS (any certificate) and
AUTH PLAIN (the secret read from a file, never from the command line). Prints one JSON object:
sent, failed, seconds (wall time until the last final reply), and the final-reply latency
(from the end of DATA to the server's reply) as p50/p99/max in milliseconds.
Every message carries a unique Message-ID <bench-RUN-N@DOMAIN>.
"""
import argparse
import json
import smtplib
import ssl
import sys
import threading
import time


def body(n, size, run, sender, rcpt, domain):
    head = (f"From: <{sender}>\r\nTo: <{rcpt}>\r\nSubject: bench {run} {n}\r\n"
            f"Message-ID: <bench-{run}-{n}@{domain}>\r\nDate: Mon, 23 Nov 2026 22:00:00 +0000\r\n\r\n")
    line = ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\r\n")
    text = line * (size // len(line) + 1)
    return (head + text[:size - 2] + "\r\n").encode("ascii")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--size", type=int, default=4096)
    p.add_argument("--sessions", type=int, default=1)
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--user")
    p.add_argument("--secret-file")
    p.add_argument("--sender", default="alice@home.bench.test")
    p.add_argument("--rcpt", default="bob@sink.bench.test")
    p.add_argument("--run", default="r")
    p.add_argument("--timeout", type=float, default=120)
    a = p.parse_args()
    secret = open(a.secret_file).read().strip() if a.secret_file else None
    domain = a.sender.split("@", 1)[1]
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    lock = threading.Lock()
    latencies, failures = [], []

    def worker(first):
        try:
            s = smtplib.SMTP(a.host, a.port, local_hostname="client.bench.test", timeout=a.timeout)
            s.ehlo()
            if a.starttls:
                s.starttls(context=ctx)
                s.ehlo()
            if a.user:
                s.login(a.user, secret)
            for n in range(first, a.count, a.sessions):
                msg = body(n, a.size, a.run, a.sender, a.rcpt, domain)
                s.mail(a.sender)
                code, _ = s.rcpt(a.rcpt)
                if code != 250:
                    with lock:
                        failures.append(f"{n}: RCPT {code}")
                    s.rset()
                    continue
                code, _ = s.docmd("DATA")
                if code != 354:
                    with lock:
                        failures.append(f"{n}: DATA {code}")
                    continue
                # smtplib's data() does the dot-stuffing; our body has no leading dots, so send it as is.
                s.send(msg + b".\r\n")
                t0 = time.monotonic()
                code, reply = s.getreply()
                dt = time.monotonic() - t0
                with lock:
                    if code == 250:
                        latencies.append(dt)
                    else:
                        failures.append(f"{n}: final {code} {reply!r}")
            s.quit()
        except Exception as e:  # reported, never swallowed: the count shows it too
            with lock:
                failures.append(f"session {first}: {e!r}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(min(a.sessions, a.count))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - t0
    lat = sorted(latencies)

    def pct(q):
        return round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1) if lat else None

    print(json.dumps({"sent": len(lat), "failed": len(failures), "seconds": round(seconds, 3),
                      "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0),
                      "errors": failures[:5]}))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
