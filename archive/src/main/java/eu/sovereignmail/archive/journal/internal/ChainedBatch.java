package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.internal.GroupCommit.Outcome;
import java.util.List;

/**
 * What chaining one group-commit batch did, so the journal can answer each appender and tell the
 * checkpoints: one outcome per pending entry (in order), the new head, and how many entries were new.
 */
record ChainedBatch(List<Outcome<JournalReceipt>> outcomes, long headSeq, int appended) {}
