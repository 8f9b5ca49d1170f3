package org.hearthmail.relay.delivery.sts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code _mta-sts} TXT record (RFC 8461 §3.1): only its id matters to a sender. */
public record MtaStsRecord(String id) {
    private static final Pattern ID = Pattern.compile("(?:^|;)\\s*id=([A-Za-z0-9]{1,32})\\s*(?:;|$)");

    /**
     * RFC 8461 §3.1: records not starting with {@code v=STSv1;} are discarded; unless exactly one is
     * left and it is valid, the domain has no policy.
     */
    public static Optional<MtaStsRecord> select(List<String> txtRecords) {
        List<String> sts = txtRecords.stream().filter(t -> t.startsWith("v=STSv1;")).toList();
        if (sts.size() != 1) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(sts.get(0).substring("v=STSv1;".length()));
        return m.find() ? Optional.of(new MtaStsRecord(m.group(1))) : Optional.empty();
    }
}
