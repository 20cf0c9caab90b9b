package eu.sovereignmail.gateway.http.archive.internal;

import java.util.List;

/**
 * The JSON bodies the legal endpoints accept (unknown fields are refused with a 400, like everywhere in the API);
 * blank or missing required fields are refused by the handlers or by the archive, naming the field.
 */
public final class LegalRequests {
  private LegalRequests() {}

  public record NewCase(String name, String description) {}

  /** Fields left out keep their value; status is {@code open} or {@code closed}. */
  public record CaseChange(String name, String description, String status) {}

  public record Member(String username) {}

  public record Custodian(String address) {}

  public record NewSavedSearch(String name, String query) {}

  public record NewNote(String text) {}

  /** {@code kind} custodian (address, optional from/to days) or query (query). */
  public record NewHold(String kind, String address, String from, String to, String query) {}

  public record Release(String reason) {}

  /** {@code scope} domain or mailbox; {@code keep} an ISO-8601 period such as {@code P10Y}. */
  public record NewPolicy(String scope, String target, String keep) {}

  /** Either a policy's due messages ({@code policyId}) or named messages ({@code ids} with a {@code reason}). */
  public record NewProposal(Long policyId, List<Long> ids, String reason) {}

  public record Decision(String note) {}

  /** {@code format} zip or mbox; the selection is {@code queries} (union of their matches) or {@code ids}. */
  public record NewExport(String format, List<String> queries, List<Long> ids) {}
}
