"""IMAP4rev2 (RFC 9051) and BINARY (RFC 3516) as Python's imaplib sees them.

Usage: imaplib_rev2.py HOST PORT USER PASSWORD (implicit TLS). The INBOX holds one multipart
message whose second part is base64 of the 700 octets (i * 7) % 256. imaplib knows neither
extension, so ESEARCH is read with its raw command interface. Exits non-zero on the first failed
expectation; prints one line per step.
"""
import sys

from imaplib_client import connect_implicit, ok

ATTACHMENT = bytes((i * 7) % 256 for i in range(700))


def main():
    host, port, user, password = sys.argv[1:5]
    m = connect_implicit(host, port)
    assert "IMAP4REV2" in m.capabilities and "BINARY" in m.capabilities, m.capabilities
    ok(m.login(user, password), "login")

    # A rev1 session: BINARY works, SELECT still reports RECENT, SEARCH answers SEARCH.
    ok(m.select("INBOX"), "select rev1")
    assert m.untagged_responses.get("RECENT") == [b"0"], m.untagged_responses
    data = ok(m.fetch("1", "(BINARY.PEEK[2] BINARY.SIZE[2])"), "fetch binary rev1")
    assert data[0][0].startswith(b"1 (BINARY[2] ~{700}"), data
    assert data[0][1] == ATTACHMENT, data
    assert data[1] == b" BINARY.SIZE[2] 700)", data
    assert ok(m.search(None, "ALL"), "search rev1") == [b"1"]
    ok(m.close(), "close")

    typ, data = m.enable("IMAP4rev2")
    assert typ == "OK", (typ, data)
    assert m.untagged_responses.pop("ENABLED") == [b"IMAP4rev2"], m.untagged_responses
    print("ok enable", flush=True)

    ok(m.select("INBOX"), "select rev2")
    assert "RECENT" not in m.untagged_responses, m.untagged_responses
    assert m.untagged_responses.get("LIST") == [b'(\\HasNoChildren) "/" INBOX'], m.untagged_responses
    typ, data = m._simple_command("SEARCH", "ALL")
    esearch = m._untagged_response(typ, data, "ESEARCH")
    assert typ == "OK" and esearch[1][0].endswith(b") ALL 1"), esearch
    assert "SEARCH" not in m.untagged_responses, m.untagged_responses
    print("ok esearch", flush=True)
    data = ok(m.fetch("1", "(BINARY.PEEK[2]<256.10>)"), "fetch binary partial rev2")
    assert data[0][0].startswith(b"1 (BINARY[2]<256> ~{10}"), data
    assert data[0][1] == ATTACHMENT[256:266], data
    data = ok(m.status("INBOX", "(MESSAGES DELETED)"), "status deleted")
    assert data == [b"INBOX (MESSAGES 1 DELETED 0)"], data
    m.logout()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
