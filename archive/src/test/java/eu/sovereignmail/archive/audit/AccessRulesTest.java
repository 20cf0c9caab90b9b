package eu.sovereignmail.archive.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.search.Actor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
  private static final Actor LEA = new Actor("Lea", Set.of("legal", "staff"), "192.0.2.1");
  private static final Actor MARA = new Actor("mara", Set.of("legal-admin"), "cli");
  private static final Actor ALICE = new Actor("alice", Set.of("staff"));
  private static final Actor NOBODY = new Actor("anon", Set.of());

  @Test
  void legalAdminMayDoEverything() {
    assertThat(AccessRules.refusalForAdmin(MARA)).isEmpty();
    assertThat(AccessRules.refusalForLegal(MARA)).isEmpty();
    assertThat(AccessRules.refusalForCase(MARA, List.of())).isEmpty();
    assertThat(AccessRules.refusalForCase(MARA, List.of("lea"))).isEmpty();
  }

  @Test
  void legalWorksOnlyWithinCasesTheyAreAMemberOf() {
    assertThat(AccessRules.refusalForLegal(LEA)).isEmpty();
    assertThat(AccessRules.refusalForCase(LEA, List.of("lea", "tom"))).isEmpty();
    assertThat(AccessRules.refusalForCase(LEA, List.of(" LEA "))).isEmpty();
    assertThat(AccessRules.refusalForCase(LEA, List.of("tom"))).hasValue("not a member of this case");
    assertThat(AccessRules.refusalForCase(LEA, List.of())).hasValue("not a member of this case");
    assertThat(AccessRules.refusalForAdmin(LEA)).hasValue("only the legal-admin role may do this");
  }

  @Test
  void everyoneElseMayDoNothingEvenAsAMember() {
    for (Actor actor : List.of(ALICE, NOBODY)) {
      assertThat(AccessRules.refusalForLegal(actor)).hasValue("only the legal and legal-admin roles may do this");
      assertThat(AccessRules.refusalForCase(actor, List.of(actor.name()))).isPresent();
      assertThat(AccessRules.refusalForAdmin(actor)).isPresent();
    }
  }

  @Test
  void actorsHaveAnOriginLocalByDefault() {
    assertThat(ALICE.origin()).isEqualTo(Actor.LOCAL);
    assertThat(MARA.origin()).isEqualTo(Actor.CLI);
    assertThat(new Actor("x", Set.of("legal"), "198.51.100.4")).isNotEqualTo(new Actor("x", Set.of("legal")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Actor("x", Set.of(), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
