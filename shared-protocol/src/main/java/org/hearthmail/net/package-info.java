/** Small Netty handlers that every listener of ours shares. */
package org.hearthmail.net;
