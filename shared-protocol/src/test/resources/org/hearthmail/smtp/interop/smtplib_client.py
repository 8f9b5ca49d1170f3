"""Drives the server under test with Python's smtplib; one scenario per run.

Usage: smtplib_client.py SCENARIO HOST PORT
Prints one result per line as "key<TAB>repr(value)"; the Java test asserts on them. The smtplib
debug transcript goes to stderr. Exits non-zero on any unexpected exception.
"""
import base64
import smtplib
import ssl
import sys
from email.message import EmailMessage

HELO = "client.example"
TIMEOUT = 15


def out(key, value):
    print(f"{key}\t{value!r}", flush=True)


def insecure_context():
    # The server's certificate is self-signed for mx.example.test; this is a test on loopback.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def connect(host, port):
    s = smtplib.SMTP(host, port, local_hostname=HELO, timeout=TIMEOUT)
    s.set_debuglevel(1)
    return s


def features(host, port):
    with connect(host, port) as s:
        code, _ = s.ehlo()
        out("ehlo", code)
        for ext in ("chunking", "pipelining", "size", "smtputf8", "starttls", "8bitmime",
                    "enhancedstatuscodes", "dsn", "auth"):
            out("has " + ext, s.has_extn(ext))
        out("size", s.esmtp_features.get("size"))
        s.starttls(context=insecure_context())
        s.ehlo()
        out("tls has starttls", s.has_extn("starttls"))
        # smtplib keeps AUTH parameters with a leading space; compare the mechanism names.
        out("tls auth", s.esmtp_features.get("auth", "").split())


def refused_recipient(host, port):
    with connect(host, port) as s:
        refused = s.sendmail("sender@example.org",
                             ["bob@example.test", "unknown@example.test", "carol@example.test"],
                             b"Subject: multi\r\n\r\nthree recipients, one refused\r\n")
        out("refused", refused)
        try:
            s.sendmail("sender@example.org", ["unknown1@example.test", "unknown2@example.test"], b"x\r\n")
            out("all refused", None)
        except smtplib.SMTPRecipientsRefused as e:
            out("all refused", e.recipients)


def starttls_login(host, port):
    with connect(host, port) as s:
        s.ehlo()
        try:
            s.login("alice", "s3cret")
            out("login before tls", "succeeded")
        except smtplib.SMTPNotSupportedError as e:
            out("login before tls", type(e).__name__)
        # Forcing AUTH in plaintext anyway must be refused without looking at the credentials.
        plain = base64.b64encode(b"\0alice\0s3cret").decode()
        out("raw auth before tls", s.docmd("AUTH", "PLAIN " + plain))
        s.starttls(context=insecure_context())
        s.ehlo()
        out("tls version", s.sock.version())
        try:
            s.login("alice", "wrong")
            out("wrong password", "succeeded")
        except smtplib.SMTPAuthenticationError as e:
            out("wrong password", (e.smtp_code, e.smtp_error))
        out("login plain", s.login("alice", "s3cret"))
        out("refused", s.sendmail("alice@example.test", ["bob@example.test"], b"Subject: plain\r\n\r\nvia PLAIN\r\n"))
    # AUTH LOGIN, with and without the user name as initial response (smtplib sends it by default).
    for initial in (True, False):
        with connect(host, port) as s:
            s.starttls(context=insecure_context())
            s.ehlo()
            s.user, s.password = "alice", "s3cret"
            out(f"login LOGIN initial={initial}", s.auth("LOGIN", s.auth_login, initial_response_ok=initial))
            s.sendmail("alice@example.test", ["bob@example.test"], f"Subject: login {initial}\r\n\r\nvia LOGIN\r\n")


def utf8_message():
    msg = EmailMessage()
    msg["From"] = "jörg@bücher.example"
    msg["To"] = "zoë@example.test"
    msg["Subject"] = "Grüße"
    msg.set_content("Hallo Zoë, ☃\n")
    return msg


def smtputf8(host, port):
    # As the Python documentation shows it: smtplib adds SMTPUTF8 and BODY=8BITMIME itself for
    # non-ASCII addresses.
    with connect(host, port) as s:
        out("send_message", s.send_message(utf8_message()))
    # As callers often write it: SMTPUTF8 also given explicitly, so smtplib sends it twice.
    with connect(host, port) as s:
        out("send_message explicit", s.send_message(utf8_message(), mail_options=["SMTPUTF8"]))


def pipelining(host, port):
    with connect(host, port) as s:
        s.ehlo()
        out("has pipelining", s.has_extn("pipelining"))
        # smtplib itself never pipelines: sendmail waits for each reply (RFC 2920 allows that).
        out("sendmail", s.sendmail("sender@example.org", ["bob@example.test"], b"Subject: lockstep\r\n\r\none\r\n"))
        # A client that does pipeline (RFC 2920 §3.1): one write, then smtplib's parser reads the
        # replies in order.
        s.send("MAIL FROM:<sender@example.org>\r\nRCPT TO:<bob@example.test>\r\n"
               "RCPT TO:<unknown@example.test>\r\nRCPT TO:<carol@example.test>\r\nDATA\r\n")
        out("pipelined", [s.getreply() for _ in range(5)])
        s.send("Subject: pipelined\r\n\r\ntwo\r\n.\r\n")
        out("pipelined end", s.getreply())


def too_big(host, port):
    body = b"Subject: big\r\n\r\n" + b"x" * 998 + b"\r\n"
    big = body * 20
    with connect(host, port) as s:
        s.ehlo()
        # RFC 1870: smtplib declares SIZE= because the server advertised SIZE, so MAIL is refused.
        try:
            s.sendmail("sender@example.org", ["bob@example.test"], big)
            out("declared", "accepted")
        except smtplib.SMTPSenderRefused as e:
            out("declared", (e.smtp_code, e.smtp_error))
        # Without the declaration the server finds out while reading and refuses at the end of DATA.
        del s.esmtp_features["size"]
        try:
            s.sendmail("sender@example.org", ["bob@example.test"], big)
            out("undeclared", "accepted")
        except smtplib.SMTPDataError as e:
            out("undeclared", (e.smtp_code, e.smtp_error))
        out("after", s.sendmail("sender@example.org", ["bob@example.test"], b"Subject: small\r\n\r\nfits\r\n"))


def implicit_tls(host, port):
    with smtplib.SMTP_SSL(host, port, local_hostname=HELO, timeout=TIMEOUT, context=insecure_context()) as s:
        s.set_debuglevel(1)
        s.ehlo()
        out("tls version", s.sock.version())
        out("has starttls", s.has_extn("starttls"))
        out("login", s.login("alice", "s3cret"))
        out("refused", s.sendmail("alice@example.test", ["bob@example.test"], b"Subject: smtps\r\n\r\nimplicit TLS\r\n"))


SCENARIOS = {f.__name__: f for f in (features, refused_recipient, starttls_login, smtputf8, pipelining,
                                      too_big, implicit_tls)}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](sys.argv[2], int(sys.argv[3]))
