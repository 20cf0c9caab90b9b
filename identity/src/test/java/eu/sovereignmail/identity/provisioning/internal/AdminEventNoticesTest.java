package eu.sovereignmail.identity.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.identity.provisioning.ChangeNotice;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Kind;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Operation;
import org.junit.jupiter.api.Test;

class AdminEventNoticesTest {
  @Test
  void mapsUserGroupAndMembershipEvents() {
    assertThat(AdminEventNotices.of("USER", "CREATE", "users/u1"))
        .containsExactly(new ChangeNotice(Kind.USER, "u1", Operation.CREATE));
    assertThat(AdminEventNotices.of("USER", "DELETE", "users/u1"))
        .containsExactly(new ChangeNotice(Kind.USER, "u1", Operation.DELETE));
    assertThat(AdminEventNotices.of("USER", "ACTION", "users/u1/reset-password"))
        .containsExactly(new ChangeNotice(Kind.USER, "u1", Operation.UPDATE));
    assertThat(AdminEventNotices.of("GROUP_MEMBERSHIP", "DELETE", "users/u1/groups/g1"))
        .containsExactly(new ChangeNotice(Kind.USER, "u1", Operation.UPDATE), new ChangeNotice(Kind.GROUP, "g1", Operation.UPDATE));
    assertThat(AdminEventNotices.of("GROUP", "DELETE", "groups/g1"))
        .containsExactly(new ChangeNotice(Kind.GROUP, "g1", Operation.DELETE));
    assertThat(AdminEventNotices.of("REALM_ROLE_MAPPING", "CREATE", "users/u1/role-mappings/realm")).isEmpty();
    assertThat(AdminEventNotices.of("USER", "UPDATE", null)).isEmpty();
  }
}
