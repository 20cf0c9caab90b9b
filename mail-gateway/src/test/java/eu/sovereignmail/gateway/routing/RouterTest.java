package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.testing.InMemoryRouteStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rule wins for a recipient, and that odd addresses fall through instead of failing delivery. */
class RouterTest {
  private static final Instant AT = Instant.parse("2025-05-20T08:00:00Z");
  private final InMemoryRouteStore store = new InMemoryRouteStore();

  private void rule(RouteRule.Scope scope, String key, Route route) {
    store.put(new RouteRule(scope, key, route, "admin", AT, "test"));
  }

  @Test
  void withoutRulesTheDefaultIsSovereign() {
    RouteDecision decision = Router.standard(store).decide("alice@example.eu");

    assertThat(decision.route()).isEqualTo(Route.SOVEREIGN);
    assertThat(decision.decidingRule()).isEmpty();
    assertThat(decision.decidedBy()).isEqualTo("default");
    assertThat(decision.recipient()).isEqualTo("alice@example.eu");
  }

  @Test
  void theConfiguredDefaultAppliesWhenNoRuleMatches() {
    rule(RouteRule.Scope.DOMAIN, "other.example", Route.DUAL);

    assertThat(Router.standard(store, Route.LEGACY).decide("alice@example.eu").route()).isEqualTo(Route.LEGACY);
  }

  @Test
  void aDomainRuleBeatsTheDefault() {
    rule(RouteRule.Scope.DOMAIN, "example.eu", Route.LEGACY);

    RouteDecision decision = Router.standard(store).decide("alice@example.eu");

    assertThat(decision.route()).isEqualTo(Route.LEGACY);
    assertThat(decision.decidedBy()).isEqualTo("domain:example.eu");
  }

  @Test
  void aRecipientOverrideBeatsItsDomain() {
    rule(RouteRule.Scope.DOMAIN, "example.eu", Route.LEGACY);
    rule(RouteRule.Scope.RECIPIENT, "alice@example.eu", Route.SOVEREIGN);

    Router router = Router.standard(store, Route.DUAL);

    assertThat(router.decide("alice@example.eu").route()).isEqualTo(Route.SOVEREIGN);
    assertThat(router.decide("alice@example.eu").decidedBy()).isEqualTo("recipient:alice@example.eu");
    assertThat(router.decide("bob@example.eu").route()).isEqualTo(Route.LEGACY);
  }

  @Test
  void addressesMatchCaseInsensitivelyAndKeepTheirSpellingInTheDecision() {
    rule(RouteRule.Scope.RECIPIENT, "alice@example.eu", Route.DUAL);
    rule(RouteRule.Scope.DOMAIN, "example.eu", Route.LEGACY);

    RouteDecision decision = Router.standard(store).decide("Alice@Example.EU");

    assertThat(decision.route()).isEqualTo(Route.DUAL);
    assertThat(decision.recipient()).isEqualTo("Alice@Example.EU");
    assertThat(Router.standard(store).decide("Bob@EXAMPLE.eu").route()).isEqualTo(Route.LEGACY);
  }

  @Test
  void addressesNoRuleCanNameFallToTheDomainOrDefaultWithoutThrowing() {
    rule(RouteRule.Scope.DOMAIN, "example.eu", Route.LEGACY);
    Router router = Router.standard(store);

    assertThat(router.decide("Postmaster").decidedBy()).isEqualTo("default");
    assertThat(router.decide("\"a b\"@example.eu").decidedBy()).isEqualTo("domain:example.eu");
    assertThat(router.decide("\"x@y\"@example.eu").route()).isEqualTo(Route.LEGACY);
    assertThat(router.decide("nobody@").decidedBy()).isEqualTo("default");
    assertThat(router.decide("").decidedBy()).isEqualTo("default");
  }

  @Test
  void stepsComposeAndTheFirstThatDecidesWins() {
    rule(RouteRule.Scope.DOMAIN, "example.eu", Route.LEGACY);
    RouteStep vip = recipient -> recipient.startsWith("prosecutor@")
        ? Optional.of(RouteDecision.byDefault(recipient, Route.SOVEREIGN))
        : Optional.empty();
    Router router = new Router(List.of(vip, RouteStep.domainRule(store)), Route.DUAL);

    assertThat(router.decide("prosecutor@example.eu").route()).isEqualTo(Route.SOVEREIGN);
    assertThat(router.decide("clerk@example.eu").route()).isEqualTo(Route.LEGACY);
    assertThat(router.decide("clerk@else.example").route()).isEqualTo(Route.DUAL);
  }

  @Test
  void decisionsFollowTheStoreWithoutANewRouter() {
    Router router = Router.standard(store);
    assertThat(router.decide("alice@example.eu").route()).isEqualTo(Route.SOVEREIGN);

    rule(RouteRule.Scope.RECIPIENT, "alice@example.eu", Route.LEGACY);
    assertThat(router.decide("alice@example.eu").route()).isEqualTo(Route.LEGACY);

    store.remove(RouteRule.Scope.RECIPIENT, "alice@example.eu", "admin", "back");
    assertThat(router.decide("alice@example.eu").route()).isEqualTo(Route.SOVEREIGN);
  }
}
