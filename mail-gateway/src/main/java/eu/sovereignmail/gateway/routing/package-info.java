/**
 * Continuity routing: where each local recipient's mail goes while an institution leaves (or is cut off by) its legacy
 * provider, and the alerts raised when the gateway flips a route by itself.
 *
 * <ul>
 *   <li>{@link eu.sovereignmail.gateway.routing.RouteStore} / {@link eu.sovereignmail.gateway.routing.JdbcRouteStore}:
 *       per-domain and per-recipient rules on MariaDB with their history, read from memory.
 *   <li>{@link eu.sovereignmail.gateway.routing.Router}: recipient override, else domain rule, else the default, as a
 *       chain of {@link eu.sovereignmail.gateway.routing.RouteStep}s.
 *   <li>{@link eu.sovereignmail.gateway.routing.FailoverPolicy}: from the legacy host's reply and how long it has been
 *       failing, whether to flip a recipient or domain to SOVEREIGN.
 *   <li>{@link eu.sovereignmail.gateway.routing.AlertSink}s: log line, Micrometer counter, JSON webhook, mail to
 *       postmaster, fanned out by {@link eu.sovereignmail.gateway.routing.CompositeAlertSink}.
 * </ul>
 */
package eu.sovereignmail.gateway.routing;
