/** Trace fields (RFC 5321 §4.4) that our servers prepend to the messages they accept. */
package org.hearthmail.smtp.trace;
