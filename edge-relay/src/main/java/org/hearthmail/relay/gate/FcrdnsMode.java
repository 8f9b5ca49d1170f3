package org.hearthmail.relay.gate;

/** How forward-confirmed reverse DNS counts towards the verdict. */
public enum FcrdnsMode {
    /** Not looked up; no client name is known. */
    OFF,
    /** Looked up; a client without a confirmed name adds the configured weight to its score. */
    SCORE,
    /** A client without a confirmed name is refused (Postfix: reject_unknown_client_hostname). */
    REQUIRED
}
