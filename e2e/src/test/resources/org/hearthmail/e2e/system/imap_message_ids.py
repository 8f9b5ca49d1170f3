"""Lists the Message-IDs of the INBOX messages whose Subject contains TEXT, over IMAPS (Python's imaplib).

usage: imap_message_ids.py HOST PORT USER TEXT EXPECTED WAIT_SECONDS   (password: first line of stdin)
Polls until at least EXPECTED such messages are there or WAIT_SECONDS passed, then prints each
message's Message-ID on its own line (a message stored twice is listed twice).
"""
import imaplib
import re
import ssl
import sys
import time

host, port, user, text = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
expected, wait = int(sys.argv[5]), float(sys.argv[6])
password = sys.stdin.readline().rstrip("\n")
ctx = ssl._create_unverified_context()  # the mailstore's certificate is self-signed in the testbed
c = imaplib.IMAP4_SSL(host, port, ssl_context=ctx, timeout=60)
c.login(user, password)
deadline = time.monotonic() + wait
while True:
    c.select("INBOX", readonly=True)
    typ, data = c.uid("SEARCH", None, "HEADER", "Subject", '"' + text + '"')
    uids = data[0].split()
    if len(uids) >= expected or time.monotonic() > deadline:
        break
    time.sleep(1)
if uids:
    typ, data = c.uid("FETCH", b",".join(uids).decode(), "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    for item in data:
        if isinstance(item, tuple):
            m = re.search(rb"<[^>]+>", item[1])
            print(m.group(0).decode() if m else "(no Message-ID)")
c.logout()
