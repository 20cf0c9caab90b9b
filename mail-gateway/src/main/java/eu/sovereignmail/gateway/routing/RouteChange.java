package eu.sovereignmail.gateway.routing;

import java.time.Instant;

/** One entry of the route history: a rule created, changed or removed ({@code before}/{@code after} null when absent). */
public record RouteChange(Instant at, RouteRule.Scope scope, String key, Route before, Route after, String changedBy,
    String reason) {}
