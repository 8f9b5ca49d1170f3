/**
 * TLS contexts for our listeners and clients. Only TLS 1.3 and 1.2 are ever enabled (RFC 8996
 * deprecates 1.0 and 1.1); self-signed certificates are for the demo and tests until ACME provides
 * real ones.
 */
package org.hearthmail.tls;
