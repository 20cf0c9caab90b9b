package eu.sovereignmail.gateway.outbound;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Record;

/**
 * One DNS answer as the mail checks need it: found (with the records of the asked type), no such name, no data of
 * that type, or a temporary failure (timeout, SERVFAIL) that must never turn into a permanent verdict.
 * {@code authenticated} is the resolver's AD bit: true only when a validating resolver checked DNSSEC.
 */
public record DnsAnswer(Status status, List<Record> records, boolean authenticated, String error) {
  /** How the lookup ended. */
  public enum Status { FOUND, NO_SUCH_NAME, NO_DATA, TEMPORARY_FAILURE }

  public DnsAnswer {
    Objects.requireNonNull(status, "status");
    records = List.copyOf(records);
  }

  public static DnsAnswer temporaryFailure(String error) {
    return new DnsAnswer(Status.TEMPORARY_FAILURE, List.of(), false, error);
  }

  public boolean found() {
    return status == Status.FOUND;
  }

  public boolean temporary() {
    return status == Status.TEMPORARY_FAILURE;
  }

  /** The records of one type, e.g. {@code typed(MXRecord.class)}. */
  public <T extends Record> List<T> typed(Class<T> type) {
    return records.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
