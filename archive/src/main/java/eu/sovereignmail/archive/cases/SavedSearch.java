package eu.sovereignmail.archive.cases;

import java.time.Instant;

/** A query kept with a case so the team reruns exactly the same search (and can hold or export by it). */
public record SavedSearch(long id, String name, String query, String createdBy, Instant createdAt) {}
