"""Sends COUNT messages to an MX, each on its own SMTP session (Python's smtplib), like many senders.

usage: smtp_flap.py HOST PORT RUN_ID COUNT INTERVAL_SECONDS SOURCES FROM TO
Message i (0-based) starts INTERVAL_SECONDS * i after the start, from source address i % len(SOURCES)
(SOURCES: comma-separated local addresses), with Message-ID <flap-i-RUN_ID@remote.test>. Like a
sending MTA (RFC 5321 §4.5.4.1), a 4xx reply or a lost or refused connection is retried on a new
session, at most ATTEMPTS times, RETRY seconds apart; the socket timeout is long (RFC 5321 §4.5.3.2
gives the client minutes per command). One line per message on stdout:
"sent SEQ CODE attempts=N" (CODE is the final reply, 0 for none), then "done ok=N".
"""
import smtplib
import sys
import threading
import time

host, port, run_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
count, interval = int(sys.argv[4]), float(sys.argv[5])
sources = sys.argv[6].split(",")
sender, rcpt = sys.argv[7], sys.argv[8]
ATTEMPTS = 20
RETRY = 3
TIMEOUT = 300
out = threading.Lock()
ok = [0]


def message(seq):
    return ("From: Bob <%s>\r\nTo: <%s>\r\nSubject: flap %s %d\r\nMessage-ID: <flap-%d-%s@remote.test>\r\n"
            "\r\nMessage %d of the tunnel-flap run %s.\r\n" % (sender, rcpt, run_id, seq, seq, run_id, seq, run_id))


def report(line):
    with out:
        print(line, flush=True)


def attempt(seq):
    """One session: the final reply code, or 0 when the connection failed or was lost."""
    session = None
    try:
        session = smtplib.SMTP(host, port, local_hostname="client.remote.test", timeout=TIMEOUT,
                               source_address=(sources[seq % len(sources)], 0))
        session.ehlo()
        session.sendmail(sender, [rcpt], message(seq))
        code = 250
    except smtplib.SMTPRecipientsRefused as e:
        code = list(e.recipients.values())[0][0]
    except smtplib.SMTPResponseException as e:  # greeting, MAIL or DATA refused
        code = e.smtp_code
    except (OSError, smtplib.SMTPException) as e:  # refused, lost or timed out
        report("note %d: %r" % (seq, e))
        code = 0
    if session is not None:
        try:
            session.quit()
        except (OSError, smtplib.SMTPException):  # already gone; the code above stands
            pass
    return code


def send(seq):
    code, attempts = 0, 0
    while attempts < ATTEMPTS:
        attempts += 1
        code = attempt(seq)
        if code == 250 or 500 <= code < 600:
            break
        time.sleep(RETRY)
    if code == 250:
        with out:
            ok[0] += 1
    report("sent %d %d attempts=%d" % (seq, code, attempts))


start = time.monotonic()
threads = []
for seq in range(count):
    delay = start + seq * interval - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    t = threading.Thread(target=send, args=(seq,))
    t.start()
    threads.append(t)
for t in threads:
    t.join()
report("done ok=%d" % ok[0])
