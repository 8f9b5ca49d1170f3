"""Reads one message over IMAPS (RFC 8314 implicit TLS) with Python's imaplib.

usage: imap_fetch.py HOST PORT USER SUBJECT WAIT_SECONDS   (password: first line of stdin)
Waits up to WAIT_SECONDS for a message whose Subject contains SUBJECT in INBOX, then writes its
raw bytes (BODY.PEEK[]) to stdout; the server's greeting goes to stderr. Exit 3: no such message in time.
"""
import imaplib
import ssl
import sys
import time

host, port, user, subject, wait = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
password = sys.stdin.readline().rstrip("\n")
# The relay's certificate is self-signed in the testbed.
ctx = ssl._create_unverified_context()
c = imaplib.IMAP4_SSL(host, port, ssl_context=ctx, timeout=30)
print("greeting:", c.welcome.decode("utf-8", "replace"), file=sys.stderr)
c.login(user, password)
deadline = time.monotonic() + wait
found = []
while True:
    typ, data = c.select("INBOX", readonly=True)
    typ, data = c.search(None, "HEADER", "Subject", '"' + subject + '"')
    found = data[0].split()
    if found or time.monotonic() > deadline:
        break
    time.sleep(0.5)
if not found:
    c.logout()
    sys.exit(3)
typ, data = c.fetch(found[-1], "(BODY.PEEK[])")
sys.stdout.buffer.write(data[0][1])
c.logout()
