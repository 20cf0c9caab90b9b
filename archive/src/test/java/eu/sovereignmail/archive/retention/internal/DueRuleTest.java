package eu.sovereignmail.archive.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.retention.RetentionPolicy;
import eu.sovereignmail.archive.retention.RetentionPolicy.Scope;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DueRuleTest {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final RetentionPolicy DOMAIN_10Y = policy(1, Scope.DOMAIN, "example.eu", "P10Y");
  private static final RetentionPolicy ALICE_1Y = policy(2, Scope.MAILBOX, "alice@example.eu", "P1Y");
  private static final RetentionPolicy COURT_30Y = policy(3, Scope.DOMAIN, "court.example.eu", "P30Y");
  private static final DueRule RULE = new DueRule(List.of(DOMAIN_10Y, ALICE_1Y, COURT_30Y));

  private static RetentionPolicy policy(long id, Scope scope, String target, String keep) {
    return new RetentionPolicy(id, scope, target, Period.parse(keep), "mara", Instant.EPOCH);
  }

  @Test
  void aMailboxPolicyOverridesItsDomainAndAddressesMatchWithoutCase() {
    assertThat(RULE.policyFor("Alice@Example.EU")).contains(ALICE_1Y);
    assertThat(RULE.policyFor("bob@example.eu")).contains(DOMAIN_10Y);
    assertThat(RULE.policyFor("judge@court.example.eu")).as("subdomains have their own").contains(COURT_30Y);
    assertThat(RULE.policyFor("someone@example.org")).isEmpty();
    assertThat(RULE.policyFor("")).isEmpty();
    assertThat(RULE.policyFor(null)).isEmpty();
  }

  @Test
  void theLongestGoverningPolicyWins() {
    Instant twoYearsAgo = Instant.parse("2024-06-01T00:00:00Z");
    assertThat(RULE.due(Set.of("alice@example.eu"), twoYearsAgo, NOW)).isTrue();
    assertThat(RULE.due(Set.of("alice@example.eu", "bob@example.eu"), twoYearsAgo, NOW))
        .as("bob's domain keeps it 10 years").isFalse();
    assertThat(RULE.due(Set.of("alice@example.eu", "bob@example.eu"), Instant.parse("2016-06-01T00:00:00Z"), NOW)).isTrue();
    assertThat(RULE.due(Set.of("alice@example.eu", "judge@court.example.eu"), Instant.parse("2000-01-01T00:00:00Z"), NOW))
        .isFalse();
    assertThat(RULE.governing(List.of("alice@example.eu", "bob@example.eu", "x@example.org")))
        .containsExactly(ALICE_1Y, DOMAIN_10Y);
  }

  @Test
  void addressesNoPolicyGovernsNeitherShortenNorLengthenRetention() {
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    assertThat(RULE.due(Set.of("alice@example.eu", "partner@example.org"), Instant.parse("2024-06-01T00:00:00Z"), NOW))
        .isTrue();
    assertThat(RULE.due(Set.of("partner@example.org"), old, NOW)).as("no policy: kept forever").isFalse();
    assertThat(RULE.due(Set.of(), old, NOW)).isFalse();
  }

  @Test
  void theCutoffIsCalendarArithmeticAndTheBoundaryIsKept() {
    Instant cutoff = DueRule.cutoff(Period.ofYears(1), Instant.parse("2024-02-29T10:00:00Z"));
    assertThat(cutoff).isEqualTo(Instant.parse("2023-02-28T10:00:00Z"));
    Instant exactlyOneYear = Instant.parse("2025-06-15T12:00:00Z");
    assertThat(RULE.due(Set.of("alice@example.eu"), exactlyOneYear, NOW)).as("at the cutoff: kept").isFalse();
    assertThat(RULE.due(Set.of("alice@example.eu"), exactlyOneYear.minusNanos(1000), NOW)).isTrue();
  }

  @Test
  void policyTargetsAreCheckedAndLowerCased() {
    assertThat(policy(0, Scope.MAILBOX, " Alice@Example.EU ", "P1Y").target()).isEqualTo("alice@example.eu");
    assertThat(policy(0, Scope.DOMAIN, "Example.EU", "P1Y").target()).isEqualTo("example.eu");
    assertThatThrownBy(() -> policy(0, Scope.DOMAIN, "alice@example.eu", "P1Y")).hasMessageContaining("not a domain");
    assertThatThrownBy(() -> policy(0, Scope.DOMAIN, "%.eu", "P1Y")).hasMessageContaining("not a domain");
    assertThatThrownBy(() -> policy(0, Scope.MAILBOX, "example.eu", "P1Y")).hasMessageContaining("not a mail address");
    assertThatThrownBy(() -> policy(0, Scope.MAILBOX, "a b@example.eu", "P1Y")).hasMessageContaining("not a mail address");
    assertThatThrownBy(() -> policy(0, Scope.DOMAIN, "example.eu", "P0D")).hasMessageContaining("positive");
    assertThatThrownBy(() -> policy(0, Scope.DOMAIN, "example.eu", "P-1Y")).hasMessageContaining("positive");
  }
}
