/**
 * The wg-quick configuration file, as an immutable model: {@link org.hearthmail.tunnel.config.WgQuickConfig}
 * with one {@link org.hearthmail.tunnel.config.InterfaceSection} and any number of
 * {@link org.hearthmail.tunnel.config.PeerSection}s, read by {@link org.hearthmail.tunnel.config.WgQuickParser}
 * and written by {@link org.hearthmail.tunnel.config.WgQuickWriter}.
 *
 * <p>Invariants: a parsed config is complete and valid (an interface private key, a public key per
 * peer, ports and MTU in range, no peer twice); lists are unmodifiable; nothing here resolves a
 * host name or touches the network (endpoints keep their host text until a backend applies them).
 * Parse errors name the source, the line number and the key, and never quote a secret value.
 * Keys and section names match case-insensitively, as in wireguard-tools' config.c.
 */
package org.hearthmail.tunnel.config;
