"""SMTP smuggling probe over a raw socket (the sequences of the 2023 SMTP smuggling research).

Usage: smuggle_client.py HOST PORT
For each sequence, one connection: a transaction whose DATA holds "<sequence>" followed by a fake
second transaction, then the real end "<CRLF>.<CRLF>". Prints per sequence what the server said
before the real end (nothing is expected) and after it, then whether a clean message still goes
through on the same connection. Lines are "key<TAB>repr(value)".
"""
import socket
import sys
import time

SEQUENCES = {
    "LF.LF": b"\n.\n",
    "CR.CR": b"\r.\r",
    "LF.CRLF": b"\n.\r\n",
    "CR.LF": b"\r.\n",
    "CRLF.LF": b"\r\n.\n",
    "LF.CR": b"\n.\r",
}
TIMEOUT = 10
QUIET_WINDOW = 0.3


def out(key, value):
    print(f"{key}\t{value!r}", flush=True)


class Conn:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=TIMEOUT)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def reply(self, timeout=TIMEOUT):
        """One complete reply (all lines), or None when none arrives within timeout."""
        self.sock.settimeout(timeout)
        deadline = time.monotonic() + timeout
        lines = []
        while time.monotonic() < deadline:
            while b"\r\n" in self.buf:
                line, self.buf = self.buf.split(b"\r\n", 1)
                lines.append(line.decode("utf-8", "replace"))
                if len(line) < 4 or line[3:4] != b"-":
                    return "\n".join(lines)
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                return None
            if not chunk:
                return "\n".join(lines) if lines else "<closed>"
            self.buf += chunk
        return None

    def command(self, line):
        self.send(line + b"\r\n")
        return self.reply()

    def close(self):
        self.sock.close()


def probe(host, port, name, seq):
    c = Conn(host, port)
    try:
        c.reply()
        c.command(b"EHLO client.example")
        for cmd in (b"MAIL FROM:<sender@example.org>", b"RCPT TO:<bob@example.test>"):
            c.command(cmd)
        out(name + " data", c.command(b"DATA"))
        c.send(b"From: sender@example.org\r\nSubject: smuggle\r\n\r\nhello" + seq
               + b"MAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@example.test>\r\nDATA\r\n"
               + b"From: evil@example.org\r\nSubject: smuggled\r\n\r\nevil\r\n")
        # Nothing in there ends the data, so no reply may come (not a 250, not a 354).
        out(name + " early", c.reply(QUIET_WINDOW))
        c.send(b"\r\n.\r\n")
        out(name + " final", c.reply())
        # The session carries on normally after the refusal.
        c.command(b"MAIL FROM:<sender@example.org>")
        c.command(b"RCPT TO:<bob@example.test>")
        c.command(b"DATA")
        c.send(b"Subject: clean\r\n\r\nclean after " + name.encode() + b"\r\n.\r\n")
        out(name + " clean", c.reply())
        out(name + " quit", c.command(b"QUIT"))
    finally:
        c.close()


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    out("sequences", list(SEQUENCES))
    for name, seq in SEQUENCES.items():
        probe(host, port, name, seq)
