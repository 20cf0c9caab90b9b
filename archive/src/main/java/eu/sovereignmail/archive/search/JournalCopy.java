package eu.sovereignmail.archive.search;

import eu.sovereignmail.archive.journal.Direction;
import java.time.Instant;
import java.util.List;

/** One journal entry of a message, as a legal reviewer sees it: the full envelope (blind copies included). */
public record JournalCopy(
    long sequence,
    String spoolRecordId,
    String blobSha256,
    String mailFrom,
    List<String> recipients,
    Direction direction,
    String clientIp,
    String authenticatedUser,
    String gatewayNode,
    Instant receivedAt) {}
