package org.hearthmail.mailstore.dnsrecords;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The data of one resource record, in the few types an installation publishes. */
public sealed interface RecordData {

    /** The RR type mnemonic (RFC 1035 §3.2.2, RFC 3596, RFC 2782). */
    String type();

    /** The RDATA in zone-file presentation form (RFC 1035 §5.1). */
    String zoneText();

    /** RFC 1035 §3.3.9: preference and exchange host. */
    record Mx(int preference, String host) implements RecordData {
        public Mx {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String type() {
            return "MX";
        }

        @Override
        public String zoneText() {
            return preference + " " + host + ".";
        }
    }

    /** An A (RFC 1035 §3.4.1) or AAAA (RFC 3596 §2.2) record. */
    record Address(InetAddress address) implements RecordData {
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String type() {
            return address instanceof Inet6Address ? "AAAA" : "A";
        }

        @Override
        public String zoneText() {
            return NetUtil.toAddressString(address);
        }
    }

    /** TXT (RFC 1035 §3.3.14): one logical text, split into character-strings when printed. */
    record Txt(String text) implements RecordData {
        /** RFC 1035 §3.3: a character-string is at most 255 octets; longer TXT data is split. */
        public static final int MAX_STRING = 255;

        public Txt {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "TXT";
        }

        @Override
        public String zoneText() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < text.length(); i += MAX_STRING) {
                parts.add("\"" + text.substring(i, Math.min(text.length(), i + MAX_STRING)) + "\"");
            }
            return String.join(" ", parts);
        }
    }

    /** RFC 2782: priority, weight, port and target; target "." means "not offered" (RFC 6186 §4). */
    record Srv(int priority, int weight, int port, String target) implements RecordData {
        public Srv {
            Objects.requireNonNull(target, "target");
        }

        /** RFC 6186 §4: "0 0 0 ." says the service is not offered at this domain. */
        public static Srv notOffered() {
            return new Srv(0, 0, 0, "");
        }

        @Override
        public String type() {
            return "SRV";
        }

        @Override
        public String zoneText() {
            return priority + " " + weight + " " + port + " " + target + ".";
        }
    }
}
