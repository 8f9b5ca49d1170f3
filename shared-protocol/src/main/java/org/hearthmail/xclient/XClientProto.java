package org.hearthmail.xclient;

/** Values of the PROTO attribute (Postfix XCLIENT_README: "either SMTP or ESMTP"). */
public enum XClientProto { SMTP, ESMTP }
