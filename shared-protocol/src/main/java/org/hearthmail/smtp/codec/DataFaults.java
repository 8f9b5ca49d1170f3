package org.hearthmail.smtp.codec;

/**
 * What was wrong with a message's content, found while framing it. The session decides the reply.
 *
 * @param bareLineEnding a CR not followed by LF, or an LF not preceded by CR (RFC 5321 §2.3.8)
 * @param lineTooLong    a line over the text line limit (RFC 5321 §4.5.3.1.6)
 * @param tooBig         more content octets than the message size limit (RFC 1870 §6.2)
 * @param nul            a NUL octet was present
 * @param size           content octets seen (after unstuffing), counted even past the limit
 */
public record DataFaults(boolean bareLineEnding, boolean lineTooLong, boolean tooBig, boolean nul, long size) {

    public boolean any() {
        return bareLineEnding || lineTooLong || tooBig;
    }
}
