package eu.sovereignmail.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of {@link IdentitySettings}: every message names the offending key; the secret never shows. */
class IdentitySettingsTest {
  private static final URI ISSUER = URI.create("http://127.0.0.1:8180/realms/sovereign");
  private final IdentitySettings d = IdentitySettings.defaults(ISSUER, "sovereign-gateway", "s3cret-value");

  @Test
  void defaultsAndEndpoints() {
    assertThat(d.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.outageGrace()).isEqualTo(Duration.ofHours(12));
    assertThat(d.tokenEndpoint()).hasToString(ISSUER + "/protocol/openid-connect/token");
    assertThat(d.jwksEndpoint()).hasToString(ISSUER + "/protocol/openid-connect/certs");
    assertThat(IdentitySettings.defaults(URI.create(ISSUER + "/"), "c", "s").issuer()).isEqualTo(ISSUER);
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(d.toString()).doesNotContain("s3cret-value").contains("clientSecret=***");
  }

  @Test
  void invalidValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> IdentitySettings.defaults(URI.create("ftp://x/realms/a"), "c", "s"))
        .hasMessageContaining("identity.issuer");
    assertThatThrownBy(() -> IdentitySettings.defaults(URI.create("/realms/a"), "c", "s"))
        .hasMessageContaining("identity.issuer");
    assertThatThrownBy(() -> IdentitySettings.defaults(ISSUER, " ", "s")).hasMessageContaining("identity.client-id");
    assertThatThrownBy(() -> IdentitySettings.defaults(ISSUER, "c", null)).hasMessageContaining("identity.client-secret");
    assertThatThrownBy(() -> with(Duration.ZERO, d.outageGrace(), d.clockSkew(), 5, 20, d.maxDelay()))
        .hasMessageContaining("identity.cache-ttl");
    assertThatThrownBy(() -> with(d.cacheTtl(), Duration.ofMinutes(1), d.clockSkew(), 5, 20, d.maxDelay()))
        .hasMessageContaining("identity.outage-grace");
    assertThatThrownBy(() -> with(d.cacheTtl(), d.outageGrace(), Duration.ofHours(1), 5, 20, d.maxDelay()))
        .hasMessageContaining("identity.clock-skew");
    assertThatThrownBy(() -> with(d.cacheTtl(), d.outageGrace(), d.clockSkew(), 0, 20, d.maxDelay()))
        .hasMessageContaining("identity.throttle.login-failures");
    assertThatThrownBy(() -> with(d.cacheTtl(), d.outageGrace(), d.clockSkew(), 5, 0, d.maxDelay()))
        .hasMessageContaining("identity.throttle.ip-failures");
    assertThatThrownBy(() -> with(d.cacheTtl(), d.outageGrace(), d.clockSkew(), 5, 20, Duration.ofMillis(1)))
        .hasMessageContaining("identity.throttle.max-delay");
  }

  private IdentitySettings with(Duration ttl, Duration grace, Duration skew, int loginLimit, int ipLimit,
      Duration maxDelay) {
    return new IdentitySettings(ISSUER, "c", "s", ttl, grace, d.connectTimeout(), d.requestTimeout(), skew,
        d.jwksMinRefresh(), loginLimit, ipLimit, d.lockout(), d.baseDelay(), maxDelay);
  }
}
