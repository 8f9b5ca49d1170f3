/**
 * What both programs' long-running services share: the set of listeners that are up (closed in
 * reverse order of starting) and running in the foreground until SIGTERM or Ctrl-C.
 */
package org.hearthmail.service;
