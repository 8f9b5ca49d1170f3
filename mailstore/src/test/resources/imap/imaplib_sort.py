"""SORT and THREAD (RFC 5256) as Python's imaplib sees them: IMAP4.sort, IMAP4.thread and IMAP4.uid.

Usage: imaplib_sort.py HOST PORT USER PASSWORD (implicit TLS). The INBOX holds one welcome message
(sequence 1, no Date field, its arrival time now); the script appends four more, then sorts and
threads them. Exits non-zero on the first failed expectation; prints one line per step.
"""
import sys

from imaplib_client import connect_implicit, ok

MESSAGES = [
    # (Message-ID, References, Subject, Date, From)
    ("<a@x>", None, "plans", "Mon, 3 Mar 2025 10:00:00 +0000", "Zed <zed@example.test>"),
    ("<b@x>", "<a@x>", "Re: plans", "Mon, 3 Mar 2025 11:00:00 +0100", "amy@example.test"),
    ("<c@x>", "<a@x> <b@x>", "Re: Re: plans", "Mon, 3 Mar 2025 10:30:00 +0000", "Carol <carol@example.test>"),
    ("<d@x>", None, "[list] Apples", "Sun, 2 Mar 2025 09:00:00 +0000", "bob@example.test"),
]


def main():
    host, port, user, password = sys.argv[1:5]
    m = connect_implicit(host, port)
    for cap in ("SORT", "THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT"):
        assert cap in m.capabilities, m.capabilities
    ok(m.login(user, password), "login")
    for mid, refs, subject, date, sender in MESSAGES:
        header = f"Message-ID: {mid}\r\nSubject: {subject}\r\nDate: {date}\r\nFrom: {sender}\r\n"
        if refs:
            header += f"References: {refs}\r\n"
        ok(m.append("INBOX", None, None, (header + "\r\nbody\r\n").encode()), "append " + mid)
    ok(m.select("INBOX"), "select")

    # Sent dates: 5 on 2 March; 2 and 3 at 10:00 UTC (3 written 11:00 +0100), the sequence breaks
    # the tie; 4 at 10:30; 1 has no Date field and sorts by its arrival (now).
    assert ok(m.sort("(DATE)", "UTF-8", "ALL"), "sort") == [b"5 2 3 4 1"]
    assert ok(m.sort("(REVERSE DATE)", "US-ASCII", "NOT", "FROM", "zed"), "sort reverse") == [b"1 4 3 5"]
    # Base subjects: Apples (5), plans (2, 3, 4; then by From: amy, carol, zed), welcome (1).
    assert ok(m.sort("(SUBJECT FROM)", "UTF-8", "ALL"), "sort subject") == [b"5 3 4 2 1"]
    # From mailboxes: none (1, sorts first), zed, amy, carol, bob.
    assert ok(m.uid("SORT", "(FROM)", "UTF-8", "ALL"), "uid sort") == [b"1 3 5 4 2"]
    typ, data = m.sort("(DATE)", "ISO-8859-1", "ALL")
    assert typ == "NO" and b"[BADCHARSET" in data[0], (typ, data)
    print("ok badcharset", flush=True)

    # 3 replies to 2, 4 to 3 (References <a> <b>); 5 and 1 stand alone; threads by sent date.
    assert ok(m.thread("REFERENCES", "UTF-8", "ALL"), "thread references") == [b"(5)(2 3 4)(1)"]
    # ORDEREDSUBJECT: the first "plans" message is the parent of the other two, no grandchildren.
    assert ok(m.thread("ORDEREDSUBJECT", "UTF-8", "ALL"), "thread orderedsubject") == [b"(5)(2 (3)(4))(1)"]
    assert ok(m.uid("THREAD", "REFERENCES", "UTF-8", "SUBJECT", "plans"), "uid thread") == [b"(2 3 4)"]
    m.logout()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
