package eu.sovereignmail.archive.cases;

import java.time.Instant;

/** A dated note on a case by a team member; never edited or removed (a correction is a new note). */
public record CaseNote(long id, String author, Instant at, String text) {}
