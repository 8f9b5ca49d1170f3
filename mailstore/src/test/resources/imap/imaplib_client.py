"""Drives the Hearthmail IMAP server with Python's imaplib (a real third-party client).

Usage: imaplib_client.py MODE HOST PORT USER PASSWORD
MODE is "implicit" (IMAP4_SSL) or "starttls" (IMAP4 + STARTTLS). Exits non-zero on the first
failed expectation; prints one line per step so a failure shows where it happened.
"""
import email
import imaplib
import re
import ssl
import sys


def ok(result, step):
    typ, data = result
    assert typ == "OK", f"{step}: {typ} {data!r}"
    print(f"ok {step}", flush=True)
    return data


def trusting_context():
    """The test server's certificate is self-signed for imap.example.test: trusted as it is."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def connect_implicit(host, port):
    """An IMAP4_SSL session to the test server (implicit TLS)."""
    return imaplib.IMAP4_SSL(host, int(port), ssl_context=trusting_context(), timeout=20)


def main():
    mode, host, port, user, password = sys.argv[1:6]
    ctx = trusting_context()
    if mode == "implicit":
        m = connect_implicit(host, port)
    else:
        m = imaplib.IMAP4(host, int(port), timeout=20)
        assert "LOGINDISABLED" in m.capabilities, m.capabilities
        ok(m.starttls(ssl_context=ctx), "starttls")
    assert "IDLE" in m.capabilities and "UIDPLUS" in m.capabilities, m.capabilities

    ok(m.login(user, password), "login")
    boxes = ok(m.list(), "list")
    assert any(b'\\Sent' in b and b'"Sent"' in b or b'\\Sent' in b and b' Sent' in b for b in boxes), boxes
    ok(m.create("Python"), "create")
    status = ok(m.status("INBOX", "(MESSAGES UNSEEN UIDNEXT)"), "status")
    assert b"MESSAGES 1" in status[0], status

    msg = (b"From: Py <py@example.test>\r\nTo: alice@example.test\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"
           b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo Welt\r\n"
           b"--b1\r\nContent-Type: application/octet-stream; name=data.bin\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b1--\r\n")
    resp = ok(m.append("Python", "(\\Flagged)", imaplib.Time2Internaldate(1700000000), msg), "append")
    assert re.search(rb"APPENDUID \d+ 1", resp[0]), resp

    data = ok(m.select("Python"), "select")
    assert data == [b"1"], data
    data = ok(m.fetch("1", "(FLAGS BODYSTRUCTURE ENVELOPE RFC822.SIZE)"), "fetch structure")
    head = data[0] if isinstance(data[0], bytes) else data[0][0]
    assert b"\\Flagged" in head and b'"mixed"' in head and b'"octet-stream"' in head, data
    assert f"RFC822.SIZE {len(msg)}".encode() in head, data
    data = ok(m.fetch("1", "(RFC822)"), "fetch rfc822")
    assert data[0][1] == msg, data
    parsed = email.message_from_bytes(data[0][1])
    assert parsed.get_payload()[0].get_payload() == "Hallo Welt", parsed
    data = ok(m.fetch("1", "(BODY.PEEK[2] BODY.PEEK[1.MIME])"), "fetch parts")
    assert data[0][1] == b"AAEC", data
    data = ok(m.fetch("1", "(FLAGS)"), "fetch flags")
    assert b"\\Seen" in data[0], data

    ok(m.store("1", "+FLAGS", "(\\Answered)"), "store")
    data = ok(m.search(None, "ANSWERED", "BODY", "Hallo"), "search")
    assert data == [b"1"], data
    data = ok(m.search("UTF-8", "SUBJECT", "Grüße".encode("utf-8")), "search utf-8")
    assert data == [b"1"], data
    data = ok(m.uid("SEARCH", "ALL"), "uid search")
    assert data == [b"1"], data
    ok(m.uid("COPY", "1", "INBOX"), "uid copy")  # imaplib drops the tagged COPYUID code
    ok(m.store("1", "+FLAGS.SILENT", "(\\Deleted)"), "store deleted")
    data = ok(m.expunge(), "expunge")
    assert data == [b"1"], data
    ok(m.noop(), "noop")
    ok(m.close(), "close")

    ok(m.select("INBOX", readonly=True), "examine")
    data = ok(m.uid("FETCH", "1:*", "(UID FLAGS)"), "uid fetch")
    assert len(data) == 2 and b"UID 2" in data[1], data
    typ, data = m.store("1", "+FLAGS", "(\\Seen)")
    assert typ == "NO" and b"READ-ONLY" in data[0], (typ, data)
    print("ok store read-only refused", flush=True)
    m.logout()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
