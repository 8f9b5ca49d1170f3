# Drives Debian's dkimpy for Hearthmail's interop tests. Keys and TXT records come from the test.
#   verify MSGFILE DNSJSON           -> one line per DKIM-Signature: "<index> True|False"
#   sign MSGFILE SELECTOR DOMAIN KEYFILE ALGORITHM HEADERCANON/BODYCANON LENGTH(0|1)
#                                    -> the DKIM-Signature field, CRLF-terminated
import json
import sys

import dkim


def verify(msgfile, dnsjson):
    msg = open(msgfile, 'rb').read()
    records = json.load(open(dnsjson))

    def dnsfunc(name, timeout=5):
        key = name.decode('ascii').rstrip('.').lower()
        txt = records.get(key)
        return txt.encode('ascii') if txt is not None else None

    d = dkim.DKIM(msg, minkey=1024)
    count = sum(1 for k, _ in d.headers if k.lower() == b'dkim-signature')
    for idx in range(count):
        try:
            ok = d.verify(idx=idx, dnsfunc=dnsfunc)
        except dkim.DKIMException:
            ok = False
        print(idx, bool(ok))


def sign(msgfile, selector, domain, keyfile, algorithm, canon, length):
    msg = open(msgfile, 'rb').read()
    key = open(keyfile, 'rb').read()
    hc, bc = canon.split('/')
    sig = dkim.sign(msg, selector.encode(), domain.encode(), key,
                    canonicalize=(hc.encode(), bc.encode()),
                    signature_algorithm=algorithm.encode(),
                    include_headers=[b'from', b'to', b'subject', b'date', b'message-id'],
                    length=(length == '1'))
    sys.stdout.buffer.write(sig)


if __name__ == '__main__':
    if sys.argv[1] == 'verify':
        verify(*sys.argv[2:4])
    elif sys.argv[1] == 'sign':
        sign(*sys.argv[2:9])
    else:
        sys.exit('unknown command ' + sys.argv[1])
