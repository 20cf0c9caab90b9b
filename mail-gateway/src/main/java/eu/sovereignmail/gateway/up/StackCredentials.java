package eu.sovereignmail.gateway.up;

import java.io.IOException;

/**
 * The generated secrets of one {@code up} data directory: people's demo logins (the contract file of
 * DESIGN section 6) and the internal secrets the parts share (database and OIDC client passwords).
 */
record StackCredentials(CredentialsFile demo, CredentialsFile internal) {
  static final String KEYCLOAK_ADMIN = "admin";
  static final String JAMES_ADMIN = "james-admin@" + DemoUser.DOMAIN;

  /** Opens both files, creates whatever is missing, and saves them before anything starts. */
  static StackCredentials load(UpSettings settings) throws IOException {
    CredentialsFile demo = CredentialsFile.open(settings.demoCredentialsFile());
    for (DemoUser user : DemoUser.ALL) {
      demo.getOrCreate(user.username() + ".email", user::email);
      demo.secret(user.username() + ".password");
    }
    demo.getOrCreate("keycloak.admin.user", () -> KEYCLOAK_ADMIN);
    demo.secret("keycloak.admin.password");
    demo.getOrCreate("james.admin.user", () -> JAMES_ADMIN);
    demo.secret("james.admin.password");
    demo.save("Sovereign Mail demo logins, generated on the first run of 'up'. Keep private.");

    CredentialsFile internal = CredentialsFile.open(settings.secretsFile());
    internal.secret("mariadb.james.password");
    internal.secret("mariadb.gateway.password");
    internal.secret("keycloak.gateway.client-secret");
    internal.save("Sovereign Mail internal secrets of this data directory. Keep private.");
    return new StackCredentials(demo, internal);
  }

  String demo(String key) {
    return demo.asMap().get(key);
  }

  String internal(String key) {
    return internal.asMap().get(key);
  }
}
