package eu.sovereignmail.keycloak.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class NoticeMappingTest {
  private static final String USER_ID = "8f0c7a3e-1111-4b7e-9d7e-3c1f2a4b5c6d";
  private static final String GROUP_ID = "5a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b";

  private static AdminEvent admin(ResourceType type, OperationType operation, String path) {
    AdminEvent event = new AdminEvent();
    event.setRealmId("realm-uuid");
    event.setRealmName("sovereign");
    event.setResourceType(type);
    event.setOperationType(operation);
    event.setResourcePath(path);
    return event;
  }

  private static Event user(EventType type) {
    Event event = new Event();
    event.setType(type);
    event.setRealmId("realm-uuid");
    event.setRealmName("sovereign");
    event.setUserId(USER_ID);
    return event;
  }

  @Test
  void userCreateUpdateDeleteKeepTheirOperation() {
    assertThat(NoticeMapping.of(admin(ResourceType.USER, OperationType.CREATE, "users/" + USER_ID)))
        .containsExactly(new Notice("USER", USER_ID, "CREATE", "sovereign"));
    // enablement and attribute changes are a PUT of the user representation: UPDATE users/{id}
    assertThat(NoticeMapping.of(admin(ResourceType.USER, OperationType.UPDATE, "users/" + USER_ID)))
        .containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"));
    assertThat(NoticeMapping.of(admin(ResourceType.USER, OperationType.DELETE, "users/" + USER_ID)))
        .containsExactly(new Notice("USER", USER_ID, "DELETE", "sovereign"));
  }

  @Test
  void subResourcesOfAUserAreUpdatesOfThatUser() {
    assertThat(NoticeMapping.of(admin(ResourceType.USER, OperationType.ACTION, "users/" + USER_ID + "/reset-password")))
        .containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"));
    assertThat(NoticeMapping.of(admin(ResourceType.REALM_ROLE_MAPPING, OperationType.CREATE,
        "users/" + USER_ID + "/role-mappings/realm")))
        .containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"));
  }

  @Test
  void membershipChangesTouchTheUserAndTheGroup() {
    for (OperationType op : new OperationType[] {OperationType.CREATE, OperationType.DELETE}) {
      assertThat(NoticeMapping.of(admin(ResourceType.GROUP_MEMBERSHIP, op, "users/" + USER_ID + "/groups/" + GROUP_ID)))
          .containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"), new Notice("GROUP", GROUP_ID, "UPDATE", "sovereign"));
    }
  }

  @Test
  void groupsAndSubgroups() {
    assertThat(NoticeMapping.of(admin(ResourceType.GROUP, OperationType.CREATE, "groups/" + GROUP_ID)))
        .containsExactly(new Notice("GROUP", GROUP_ID, "CREATE", "sovereign"));
    assertThat(NoticeMapping.of(admin(ResourceType.GROUP, OperationType.UPDATE, "/groups/" + GROUP_ID)))
        .containsExactly(new Notice("GROUP", GROUP_ID, "UPDATE", "sovereign"));
    assertThat(NoticeMapping.of(admin(ResourceType.GROUP, OperationType.DELETE, "groups/" + GROUP_ID)))
        .containsExactly(new Notice("GROUP", GROUP_ID, "DELETE", "sovereign"));
    assertThat(NoticeMapping.of(admin(ResourceType.GROUP, OperationType.CREATE, "groups/parent-id/children/" + GROUP_ID)))
        .containsExactly(new Notice("GROUP", GROUP_ID, "CREATE", "sovereign"), new Notice("GROUP", "parent-id", "UPDATE", "sovereign"));
  }

  @Test
  void realmChangesAreRealmUpdates() {
    assertThat(NoticeMapping.of(admin(ResourceType.REALM, OperationType.CREATE, "partialImport")))
        .containsExactly(new Notice("REALM", "", "UPDATE", "sovereign"));
  }

  @Test
  void unrelatedOrFailedAdminEventsMapToNothing() {
    assertThat(NoticeMapping.of(admin(ResourceType.CLIENT, OperationType.UPDATE, "clients/abc"))).isEmpty();
    assertThat(NoticeMapping.of(admin(ResourceType.USER_PROFILE, OperationType.UPDATE, "users/profile"))).isEmpty();
    assertThat(NoticeMapping.of(admin(ResourceType.USER, OperationType.CREATE, "users"))).isEmpty();
    AdminEvent failed = admin(ResourceType.USER, OperationType.UPDATE, "users/" + USER_ID);
    failed.setError("unknown_error");
    assertThat(NoticeMapping.of(failed)).isEmpty();
    assertThat(NoticeMapping.of((AdminEvent) null)).isEmpty();
    assertThat(NoticeMapping.of(new AdminEvent())).isEmpty();
  }

  @Test
  void userEventsThatChangeTheAccount() {
    assertThat(NoticeMapping.of(user(EventType.REGISTER))).containsExactly(new Notice("USER", USER_ID, "CREATE", "sovereign"));
    assertThat(NoticeMapping.of(user(EventType.UPDATE_EMAIL))).containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"));
    assertThat(NoticeMapping.of(user(EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT)))
        .containsExactly(new Notice("USER", USER_ID, "UPDATE", "sovereign"));
    assertThat(NoticeMapping.of(user(EventType.DELETE_ACCOUNT))).containsExactly(new Notice("USER", USER_ID, "DELETE", "sovereign"));
  }

  @Test
  void loginsErrorsAndAnonymousEventsMapToNothing() {
    assertThat(NoticeMapping.of(user(EventType.LOGIN))).isEmpty();
    assertThat(NoticeMapping.of(user(EventType.CODE_TO_TOKEN))).isEmpty();
    Event failed = user(EventType.UPDATE_PROFILE);
    failed.setError("invalid_input");
    assertThat(NoticeMapping.of(failed)).isEmpty();
    Event anonymous = user(EventType.REGISTER);
    anonymous.setUserId(null);
    assertThat(NoticeMapping.of(anonymous)).isEmpty();
  }

  @Test
  void realmFallsBackToItsIdWithoutAName() {
    AdminEvent event = admin(ResourceType.USER, OperationType.UPDATE, "users/" + USER_ID);
    event.setRealmName(null);
    assertThat(NoticeMapping.of(event)).containsExactly(new Notice("USER", USER_ID, "UPDATE", "realm-uuid"));
  }

  @Test
  void jsonIsSmallAndEscaped() {
    assertThat(new Notice("USER", USER_ID, "UPDATE", "sovereign").toJson())
        .isEqualTo("{\"kind\":\"USER\",\"id\":\"" + USER_ID + "\",\"operation\":\"UPDATE\",\"realm\":\"sovereign\"}");
    assertThat(new Notice("REALM", "", "UPDATE", "we\"ird\\\n").toJson())
        .isEqualTo("{\"kind\":\"REALM\",\"id\":\"\",\"operation\":\"UPDATE\",\"realm\":\"we\\\"ird\\\\\\u000a\"}");
  }
}
