# Runs Debian's pyspf (python3-spf over python3-dnspython) against the test's DNS server.
#   pyspf_tool.py PORT CASEFILE   CASEFILE lines: "<ip> <sender> <helo>"  -> one result per line
import sys

import dns.name
import dns.resolver
import spf


def main(port, casefile):
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = ['127.0.0.1']
    r.port = int(port)
    r.domain = dns.name.root
    r.search = []
    r.lifetime = 10
    dns.resolver.default_resolver = r
    for line in open(casefile):
        if not line.strip():
            continue
        ip, sender, helo = line.split()
        if sender == '<>':
            sender = ''
        result, _explanation = spf.check2(i=ip, s=sender, h=helo, receiver='mx.receiver.test')
        print(result)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
