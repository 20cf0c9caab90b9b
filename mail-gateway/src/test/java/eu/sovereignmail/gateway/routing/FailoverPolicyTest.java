package eu.sovereignmail.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The failover table: account refusals at once, message refusals never, silence and 4xx only past the window. */
class FailoverPolicyTest {
  private static final String RCPT = "Alice@Example.EU";
  private static final Duration WINDOW = Duration.ofMinutes(30);
  private static final Duration INSIDE = Duration.ofMinutes(5);
  private static final Duration PAST = Duration.ofMinutes(31);
  private final FailoverPolicy policy = new FailoverPolicy(new FailoverSettings(WINDOW, RouteRule.Scope.RECIPIENT));

  /** reply (null = unreachable), failing for, fails over? */
  static Stream<Arguments> replies() {
    return Stream.of(
        // The account is gone, disabled or blocked: at once, even on the first attempt.
        Arguments.of(SmtpReply.of(550, "5.1.1", "User unknown"), Duration.ZERO, true),
        Arguments.of(SmtpReply.of(550, "5.1.10", "RESOLVER.ADR.RecipientNotFound"), Duration.ZERO, true),
        Arguments.of(SmtpReply.of(550, "5.2.1", "Mailbox disabled"), Duration.ZERO, true),
        Arguments.of(SmtpReply.of(554, "5.7.1", "Delivery not authorized"), Duration.ZERO, true),
        Arguments.of(SmtpReply.of(550, "5.7.606", "Access denied, banned sending IP"), INSIDE, true),
        // About the message, not the account: never, however long it has been failing.
        Arguments.of(SmtpReply.of(552, "5.3.4", "Message too big"), Duration.ZERO, false),
        Arguments.of(SmtpReply.of(552, "5.3.4", "Message too big"), PAST, false),
        Arguments.of(SmtpReply.of(554, "5.6.0", "Content rejected"), PAST, false),
        Arguments.of(SmtpReply.of(550, "5.6.7", "Non-ASCII address"), PAST, false),
        Arguments.of(SmtpReply.of(501, "5.5.4", "Syntax"), PAST, false),
        Arguments.of(SmtpReply.of(550, null, "no enhanced status, so nothing proves it is the account"), PAST, false),
        // Temporary failures and silence: only once the window has passed.
        Arguments.of(SmtpReply.of(451, "4.3.0", "Try later"), INSIDE, false),
        Arguments.of(SmtpReply.of(421, "4.7.0", "Throttled"), WINDOW, false),
        Arguments.of(null, INSIDE, false),
        Arguments.of(null, WINDOW, false),
        Arguments.of(SmtpReply.of(451, "4.3.0", "Try later"), PAST, true),
        Arguments.of(SmtpReply.of(450, null, "Mailbox busy"), PAST, true),
        Arguments.of(null, PAST, true),
        Arguments.of(null, Duration.ofDays(2), true),
        // Accepted: nothing to do.
        Arguments.of(SmtpReply.of(250, "2.1.5", "OK"), PAST, false));
  }

  @ParameterizedTest(name = "{0} after {1} -> failover {2}")
  @MethodSource("replies")
  void decidesFromTheReplyAndHowLongTheLegHasBeenFailing(SmtpReply reply, Duration failingFor, boolean failsOver) {
    FailoverDecision decision = policy.decide(RCPT, reply, failingFor);

    if (failsOver) {
      assertThat(decision).isInstanceOfSatisfying(FailoverDecision.FailOver.class, f -> {
        assertThat(f.scope()).isEqualTo(RouteRule.Scope.RECIPIENT);
        assertThat(f.key()).isEqualTo("alice@example.eu");
      });
    } else {
      assertThat(decision).isInstanceOf(FailoverDecision.Stay.class);
    }
    assertThat(decision.reason()).isNotBlank();
    if (reply != null) {
      assertThat(decision.reason()).contains(Integer.toString(reply.code()));
    }
  }

  @Test
  void domainScopeFlipsTheWholeDomain() {
    FailoverPolicy byDomain = new FailoverPolicy(new FailoverSettings(WINDOW, RouteRule.Scope.DOMAIN));

    FailoverDecision cutOff = byDomain.decide(RCPT, SmtpReply.of(550, "5.7.1", "Tenant suspended"), Duration.ZERO);
    FailoverDecision silent = byDomain.decide(RCPT, null, PAST);

    assertThat(cutOff).isEqualTo(new FailoverDecision.FailOver(RouteRule.Scope.DOMAIN, "example.eu",
        cutOff.reason()));
    assertThat(silent).isInstanceOfSatisfying(FailoverDecision.FailOver.class,
        f -> assertThat(f.key()).isEqualTo("example.eu"));
    assertThat(byDomain.decide(RCPT, SmtpReply.of(552, "5.3.4", "Too big"), PAST))
        .isInstanceOf(FailoverDecision.Stay.class);
  }

  @Test
  void reasonsExplainTheWindow() {
    assertThat(policy.decide(RCPT, null, Duration.ofMinutes(12)).reason())
        .contains("unreachable").contains("12 min").contains("30 min");
    assertThat(policy.decide(RCPT, SmtpReply.of(451, "4.4.1", "later"), Duration.ofMinutes(45)).reason())
        .contains("deferred").contains("45 min").contains("longer than");
  }

  @Test
  void aFailoverGivesTheRuleToStoreAndTheAlertToRaise() {
    Instant now = Instant.parse("2025-05-20T08:00:00Z");
    var failOver = (FailoverDecision.FailOver) policy.decide(RCPT, SmtpReply.of(550, "5.2.1", "Account disabled"),
        Duration.ZERO);

    RouteRule rule = failOver.rule(now);
    Alert alert = failOver.alert(now);

    assertThat(rule).isEqualTo(new RouteRule(RouteRule.Scope.RECIPIENT, "alice@example.eu", Route.SOVEREIGN, "failover",
        now, failOver.reason()));
    assertThat(alert.kind()).isEqualTo("failover");
    assertThat(alert.subject()).isEqualTo("alice@example.eu");
    assertThat(alert.summary()).contains("alice@example.eu").contains("SOVEREIGN");
    assertThat(alert.detail()).contains("5.2.1 Account disabled");
  }

  @Test
  void aRecipientNoRuleCanNameStaysAndAClockStepBackIsNoOutage() {
    assertThat(policy.decide("Postmaster", SmtpReply.of(550, "5.1.1", "unknown"), Duration.ZERO))
        .isInstanceOf(FailoverDecision.Stay.class);
    assertThat(policy.decide(RCPT, null, Duration.ofMinutes(-90))).isInstanceOf(FailoverDecision.Stay.class);
  }

  @Test
  void settingsAreValidatedAndDefaultToThirtyMinutesPerRecipient() {
    assertThat(FailoverSettings.defaults()).isEqualTo(new FailoverSettings(WINDOW, RouteRule.Scope.RECIPIENT));
    assertThatThrownBy(() -> new FailoverSettings(Duration.ZERO, RouteRule.Scope.DOMAIN))
        .hasMessageContaining("routing.failover.window");
  }
}
