# Submits one message over 587-style STARTTLS and one over 465-style implicit TLS with Python's smtplib.
#   smtplib_submit.py HOST STARTTLS_PORT TLS_PORT USER PASSWORD FROM TO
# The test's certificate is self-signed: verification is off (the test checks our server, not PKI).
import smtplib
import ssl
import sys
from email.message import EmailMessage

host, p587, p465, user, password, sender, rcpt = sys.argv[1:8]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE


def message(subject):
    m = EmailMessage()
    m['From'] = sender
    m['To'] = rcpt
    m['Subject'] = subject
    m['X-Mailer'] = 'smtplib-test'
    m.set_content('Sent by Python smtplib.\n')
    return m


with smtplib.SMTP(host, int(p587), timeout=20) as s:
    s.ehlo('client.example.net')
    s.starttls(context=ctx)
    s.ehlo('client.example.net')
    s.login(user, password)
    s.send_message(message('via 587'))
    print('587 ok')

with smtplib.SMTP_SSL(host, int(p465), timeout=20, context=ctx) as s:
    s.ehlo('client.example.net')
    s.login(user, password)
    s.send_message(message('via 465'))
    print('465 ok')

with smtplib.SMTP_SSL(host, int(p465), timeout=20, context=ctx) as s:
    s.ehlo('client.example.net')
    s.login(user, password)
    try:
        s.sendmail(sender, [rcpt], 'From: ceo@bank.example\r\nTo: ' + rcpt + '\r\nSubject: forged\r\n\r\nx\r\n')
        print('forged accepted')
    except smtplib.SMTPDataError as e:
        print('forged refused', e.smtp_code, e.smtp_error.decode())
