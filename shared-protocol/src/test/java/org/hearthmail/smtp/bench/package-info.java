/**
 * JMH benchmarks of the SMTP engine. Compiled with the test sources (JMH's annotation processor
 * generates the harness), excluded from Surefire, run only by {@code bin/bench-smtp-codec}.
 */
package org.hearthmail.smtp.bench;
