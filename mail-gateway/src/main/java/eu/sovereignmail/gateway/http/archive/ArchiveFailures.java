package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.holds.HoldNotFoundException;
import eu.sovereignmail.archive.retention.FourEyesException;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import java.util.Optional;

/**
 * The archive's typed refusals as HTTP answers, in one place, so the API and the UI answer a refusal the same way:
 * access denied 403, unknown case or hold 404, four eyes and wrong state 409, bad input 400, audit log down 503.
 */
public final class ArchiveFailures {
  private ArchiveFailures() {}

  /** The answer for {@code failure}, or empty when it is not one of the archive's expected refusals (a real error). */
  public static Optional<ApiError> answer(Throwable failure) {
    return Optional.ofNullable(switch (failure) {
      case ApiError e -> e;
      case AccessDeniedException e -> new ApiError(403, e.getMessage());
      case CaseNotFoundException e -> new ApiError(404, e.getMessage());
      case HoldNotFoundException e -> new ApiError(404, e.getMessage());
      case FourEyesException e -> new ApiError(409, e.getMessage());
      case AuditFailedException e -> new ApiError(503, "the audit log cannot record this action, so it was not done; "
          + "try again later");
      case QuerySyntaxException e -> new ApiError(400, "query: " + e.getMessage());
      case IllegalArgumentException e -> new ApiError(400, e.getMessage());
      case IllegalStateException e -> new ApiError(409, e.getMessage());
      default -> null;
    });
  }
}
