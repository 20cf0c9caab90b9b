package eu.sovereignmail.archive.retention;

import java.time.Instant;

/** What the retention job last found due under one policy (nothing is deleted until a purge is approved). */
public record DueSummary(long policyId, long due, Instant computedAt) {}
