package org.hearthmail.relay.gate;

import java.util.List;

/**
 * The DNS list part of a verdict.
 *
 * @param score      the sum of the weights of every zone listing the client (allow lists subtract)
 * @param listedOn   block list zones listing the client
 * @param allowedBy  allow list zones listing the client
 * @param failed     zones that could not be asked (temporary DNS failure or an error answer)
 */
public record DnsListResult(int score, List<String> listedOn, List<String> allowedBy, List<String> failed) {
    public DnsListResult {
        listedOn = List.copyOf(listedOn);
        allowedBy = List.copyOf(allowedBy);
        failed = List.copyOf(failed);
    }
}
