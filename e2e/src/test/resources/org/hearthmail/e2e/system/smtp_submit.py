"""Submits one message with Python's smtplib: STARTTLS (RFC 3207), AUTH (RFC 4954), then the message.

usage: smtp_submit.py HOST PORT USER MAIL_FROM RCPT_TO < PASSWORD-LINE + MESSAGE
The first line of stdin is the password; the rest is the message (LF line ends, sent as CRLF).
Prints "accepted" or, when the server refuses it, "refused CODE TEXT" and exits 4.
"""
import smtplib
import ssl
import sys

host, port, user, mail_from, rcpt_to = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
password = sys.stdin.readline().rstrip("\n")
message = sys.stdin.read()
# The relay's certificate is self-signed in the testbed.
ctx = ssl._create_unverified_context()
with smtplib.SMTP(host, port, local_hostname="client.remote.test", timeout=60) as s:
    s.starttls(context=ctx)
    s.login(user, password)
    try:
        # RFC 5321 §2.3.8: lines end in CRLF on the wire; smtplib sends bytes as they are.
        s.sendmail(mail_from, [rcpt_to], message.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    except smtplib.SMTPResponseException as e:
        print("refused", e.smtp_code, e.smtp_error.decode("utf-8", "replace"))
        sys.exit(4)
    except smtplib.SMTPRecipientsRefused as e:
        code, text = list(e.recipients.values())[0]
        print("refused", code, text.decode("utf-8", "replace"))
        sys.exit(4)
print("accepted")
