package eu.sovereignmail.identity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.identity.importing.PeopleImporter.Onboarding;
import eu.sovereignmail.identity.provisioning.ChangeNotice;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeopleImporterTest {
  /** An in-memory realm: users by email and username, a few groups, optional SMTP. */
  static final class FakeDirectory implements PeopleDirectory {
    final Map<String, Person> users = new LinkedHashMap<>();
    final Map<String, String> passwords = new LinkedHashMap<>();
    final List<String> invited = new ArrayList<>();
    final Set<String> groups = Set.of("/staff", "/teams/legal");
    boolean smtp;
    String refuse;

    @Override
    public Optional<String> existing(String email, String username) {
      return users.entrySet().stream()
          .filter(e -> e.getValue().email().equals(email) || e.getValue().username().equals(username))
          .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public boolean groupExists(String path) {
      return groups.contains(path);
    }

    @Override
    public boolean canSendInvitations() {
      return smtp;
    }

    @Override
    public String create(Person person, String temporaryPassword) throws IOException {
      if (person.email().equals(refuse)) {
        throw new IOException("Keycloak answered HTTP 409 (User exists with same email)");
      }
      String id = "id-" + (users.size() + 1);
      users.put(id, person);
      if (temporaryPassword != null) {
        passwords.put(id, temporaryPassword);
      }
      return id;
    }

    @Override
    public void invite(String userId) {
      invited.add(userId);
    }
  }

  private final FakeDirectory directory = new FakeDirectory();
  private final List<ChangeNotice> notices = new ArrayList<>();
  private final PeopleImporter importer = new PeopleImporter(directory, notices::add);

  private static PeopleFile file(String text) throws IOException {
    return PeopleFile.parse(new StringReader(text));
  }

  private static final String PEOPLE = """
      email,first name,last name,groups
      a@example.eu,Ann,A,staff
      b@example.eu,Ben,B,
      bad,Bad,Row,
      c@example.eu,Cat,C,/nope
      """;

  @Test
  void dryRunPlansWithoutChangingAnything() throws IOException {
    ImportReport report = importer.run(file(PEOPLE), Onboarding.INVITE_IF_POSSIBLE, true);

    assertThat(report.dryRun()).isTrue();
    assertThat(report.created()).extracting(c -> c.person().email()).containsExactly("a@example.eu", "b@example.eu");
    assertThat(report.invalid()).extracting(RowError::line).containsExactly(4, 5);
    assertThat(report.invalid().get(1).message()).contains("group /nope does not exist");
    assertThat(directory.users).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void createsWithTemporaryPasswordsWithoutSmtpNotifiesAndARerunCreatesNothingTwice() throws IOException {
    ImportReport first = importer.run(file(PEOPLE), Onboarding.INVITE_IF_POSSIBLE, false);

    assertThat(first.created()).hasSize(2).allSatisfy(c -> {
      assertThat(c.invited()).isFalse();
      assertThat(c.temporaryPassword()).isPresent();
      assertThat(c.toString()).doesNotContain(c.temporaryPassword().get());
    });
    assertThat(directory.passwords).hasSize(2);
    assertThat(notices).containsExactly(
        new ChangeNotice(ChangeNotice.Kind.USER, "id-1", ChangeNotice.Operation.CREATE),
        new ChangeNotice(ChangeNotice.Kind.USER, "id-2", ChangeNotice.Operation.CREATE));

    ImportReport second = importer.run(file(PEOPLE), Onboarding.INVITE_IF_POSSIBLE, false);
    assertThat(second.created()).isEmpty();
    assertThat(second.existing()).extracting(ImportReport.Existing::id).containsExactly("id-1", "id-2");
    assertThat(second.invalid()).extracting(RowError::line).containsExactly(4, 5);
    assertThat(directory.users).hasSize(2);
    assertThat(notices).hasSize(2);
  }

  @Test
  void invitesWhenTheRealmCanSendMail() throws IOException {
    directory.smtp = true;
    ImportReport report = importer.run(file(PEOPLE), Onboarding.INVITE_IF_POSSIBLE, false);

    assertThat(report.created()).allSatisfy(c -> {
      assertThat(c.invited()).isTrue();
      assertThat(c.temporaryPassword()).isEmpty();
    });
    assertThat(directory.invited).containsExactly("id-1", "id-2");
    assertThat(directory.passwords).isEmpty();
  }

  @Test
  void temporaryPasswordsEvenWithSmtpWhenAskedAndRefusalsBecomeRowErrors() throws IOException {
    directory.smtp = true;
    directory.refuse = "b@example.eu";
    ImportReport report = importer.run(file(PEOPLE), Onboarding.TEMPORARY_PASSWORD, false);

    assertThat(report.created()).extracting(c -> c.person().email()).containsExactly("a@example.eu");
    assertThat(directory.invited).isEmpty();
    assertThat(report.invalid()).extracting(RowError::line).containsExactly(3, 4, 5);
    assertThat(report.invalid().get(0).message()).contains("not created").contains("409");
  }
}
