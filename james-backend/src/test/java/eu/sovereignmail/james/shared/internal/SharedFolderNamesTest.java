package eu.sovereignmail.james.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

class SharedFolderNamesTest {
  private static final Username CLEO = Username.of("cleo@example.eu");
  private static final Username TEAM = Username.of("team@example.eu");

  @Test
  void theOwnersInboxIsSharedDotOwner() {
    MailboxPath member = SharedFolderNames.toMember(MailboxPath.inbox(TEAM), CLEO, '.');
    assertThat(member).isEqualTo(new MailboxPath(MailboxConstants.USER_NAMESPACE, CLEO, "Shared.team"));
    assertThat(SharedFolderNames.toOwner(member, CLEO, '.')).contains(MailboxPath.inbox(TEAM));
  }

  @Test
  void otherFoldersKeepTheirNameBelowTheOwner() {
    MailboxPath real = MailboxPath.forUser(TEAM, "Projects.2025");
    MailboxPath member = SharedFolderNames.toMember(real, CLEO, '.');
    assertThat(member.getName()).isEqualTo("Shared.team.Projects.2025");
    assertThat(SharedFolderNames.toOwner(member, CLEO, '.')).contains(real);
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Shared.team.INBOX"), CLEO, '.'))
        .contains(MailboxPath.inbox(TEAM));
  }

  @Test
  void localPartsWithTheDelimiterOrUnderscoresRoundTrip() {
    Username owner = Username.of("sales_team.eu@example.eu");
    MailboxPath member = SharedFolderNames.toMember(MailboxPath.inbox(owner), CLEO, '.');
    assertThat(member.getName()).isEqualTo("Shared.sales_-team__eu");
    assertThat(SharedFolderNames.toOwner(member, CLEO, '.')).contains(MailboxPath.inbox(owner));
  }

  @Test
  void ownFoldersAndMalformedNamesAreLeftAlone() {
    assertThat(SharedFolderNames.toOwner(MailboxPath.inbox(CLEO), CLEO, '.')).isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Shared"), CLEO, '.')).isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Sharedx.team"), CLEO, '.')).isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Shared.cleo"), CLEO, '.')).as("oneself").isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Shared.a_b"), CLEO, '.')).as("bad escape").isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(CLEO, "Shared.team."), CLEO, '.')).isEmpty();
    assertThat(SharedFolderNames.toOwner(MailboxPath.forUser(TEAM, "Shared.cleo"), CLEO, '.'))
        .as("someone else's path").isEmpty();
  }
}
