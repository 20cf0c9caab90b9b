package eu.sovereignmail.gateway.http.apppassword.internal;

import eu.sovereignmail.identity.apppassword.AppPassword;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import java.util.List;

/** The JSON shapes of {@code /api/app-passwords}: never a hash; the secret only in the answer that creates it. */
public final class AppPasswordViews {
  private AppPasswordViews() {}

  /** POST body. */
  public record Create(String label) {}

  /** One app password as listed. */
  public record Listed(String id, String label, String createdAt, String createdBy, String lastUsedAt) {}

  /** GET answer. */
  public record Listing(String user, List<Listed> appPasswords) {}

  /** POST answer: the secret, shown this once. */
  public record Created(String id, String user, String label, String createdAt, String createdBy, String password,
      String note) {}

  public static Listed listed(AppPassword p) {
    return new Listed(p.id(), p.label(), p.createdAt().toString(), p.createdBy(),
        p.lastUsedAt() == null ? null : p.lastUsedAt().toString());
  }

  public static Created created(IssuedAppPassword issued) {
    AppPassword p = issued.info();
    return new Created(p.id(), p.account().username(), p.label(), p.createdAt().toString(), p.createdBy(),
        issued.secret(), "Shown once: enter it in the mail app now as the password (IMAP and SMTP only).");
  }
}
