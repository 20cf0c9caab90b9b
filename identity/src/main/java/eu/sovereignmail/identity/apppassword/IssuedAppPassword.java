package eu.sovereignmail.identity.apppassword;

import java.util.Objects;

/**
 * A just-created app password with its secret, which exists only here: it is shown once and then only its hash is
 * kept. {@link #toString()} hides the secret, so the value cannot leak through a log line by accident.
 *
 * @param info the password as it will be listed
 * @param secret the secret to show the user once, in its display form ({@code k7pq-3mzx-vw2n-d8hc})
 */
public record IssuedAppPassword(AppPassword info, String secret) {
  public IssuedAppPassword {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "IssuedAppPassword[info=" + info + ", secret=***]";
  }
}
