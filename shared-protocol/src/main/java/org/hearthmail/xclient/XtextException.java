package org.hearthmail.xclient;

/** Text that is not valid xtext (RFC 3461 §4). */
public final class XtextException extends Exception {
    public XtextException(String message) {
        super(message);
    }
}
