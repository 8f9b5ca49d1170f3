package org.hearthmail.spf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The values macros expand to (RFC 7208 §7.3).
 *
 * @param sender        {@code <sender>} (local-part "postmaster" substituted when missing, §4.3)
 * @param domain        the current {@code <domain>}
 * @param ip            {@code <ip>}, IPv4-mapped addresses already unmapped
 * @param helo          the HELO/EHLO name
 * @param receiver      the receiving host's name, for %{r}
 * @param validatedName %{p}, once resolved; {@code null} until then
 * @param timestamp     seconds since the epoch, for %{t}
 */
public record MacroContext(String sender, String domain, InetAddress ip, String helo, String receiver,
                           String validatedName, long timestamp) {
    public MacroContext {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(receiver, "receiver");
    }

    public String localPart() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? "postmaster" : sender.substring(0, at);
    }

    public String senderDomain() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? sender : sender.substring(at + 1);
    }

    public MacroContext withDomain(String newDomain) {
        return new MacroContext(sender, newDomain, ip, helo, receiver, validatedName, timestamp);
    }

    public MacroContext withValidatedName(String name) {
        return new MacroContext(sender, domain, ip, helo, receiver, name, timestamp);
    }
}
