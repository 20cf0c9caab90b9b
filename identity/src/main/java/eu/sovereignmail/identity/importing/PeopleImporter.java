package eu.sovereignmail.identity.importing;

import eu.sovereignmail.identity.provisioning.ChangeListener;
import eu.sovereignmail.identity.provisioning.ChangeNotice;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboards people from a {@link PeopleFile} into the identity provider, idempotently: a person whose email or username
 * exists is reported and left alone, so a rerun after fixing bad lines creates only what is missing. Each new person
 * must set a password at first login: by invitation mail when the realm can send mail (and invitations are wanted),
 * else through a temporary password returned in the report. Provisioning hears of each creation through the
 * {@link ChangeListener}.
 */
public final class PeopleImporter {
  private static final Logger LOG = LoggerFactory.getLogger(PeopleImporter.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How new people get their first password. */
  public enum Onboarding {
    /** An invitation mail when the realm has SMTP, else a temporary password. */
    INVITE_IF_POSSIBLE,
    /** Always a temporary password (handed out by the operator). */
    TEMPORARY_PASSWORD
  }

  private final PeopleDirectory directory;
  private final ChangeListener provisioning;

  public PeopleImporter(PeopleDirectory directory, ChangeListener provisioning) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
  }

  /** Plans (and unless {@code dryRun}, applies) the import of {@code file}. */
  public ImportReport run(PeopleFile file, Onboarding onboarding, boolean dryRun) throws IOException {
    List<RowError> invalid = new ArrayList<>(file.errors());
    List<ImportReport.Existing> existing = new ArrayList<>();
    List<Person> toCreate = new ArrayList<>();
    Map<String, Boolean> groups = new HashMap<>();
    for (Person person : file.people()) {
      Optional<String> id = directory.existing(person.email(), person.username());
      if (id.isPresent()) {
        existing.add(new ImportReport.Existing(person, id.get()));
        continue;
      }
      String missing = null;
      for (String group : person.groups()) {
        Boolean exists = groups.get(group);
        if (exists == null) {
          exists = directory.groupExists(group);
          groups.put(group, exists);
        }
        if (!exists) {
          missing = group;
          break;
        }
      }
      if (missing != null) {
        invalid.add(new RowError(person.line(), "group " + missing + " does not exist in the realm (create it first)"));
        continue;
      }
      toCreate.add(person);
    }
    boolean invite = onboarding == Onboarding.INVITE_IF_POSSIBLE && !toCreate.isEmpty() && directory.canSendInvitations();
    List<ImportReport.Created> created = new ArrayList<>();
    for (Person person : toCreate) {
      if (dryRun) {
        created.add(new ImportReport.Created(person, "", invite, Optional.empty()));
        continue;
      }
      String password = invite ? null : temporaryPassword();
      String id;
      try {
        id = directory.create(person, password);
      } catch (IOException | RuntimeException e) {
        LOG.warn("event=identity.import.refused line={} email={} error=\"{}\"", person.line(), person.email(), e.getMessage());
        invalid.add(new RowError(person.line(), "not created: " + e.getMessage()));
        continue;
      }
      boolean invited = false;
      if (invite) {
        try {
          directory.invite(id);
          invited = true;
        } catch (IOException | RuntimeException e) {
          LOG.warn("event=identity.import.invite_failed line={} email={} error=\"{}\"", person.line(), person.email(), e.getMessage());
          invalid.add(new RowError(person.line(), "created, but the invitation mail failed (" + e.getMessage()
              + "): send it again from the admin console"));
        }
      }
      LOG.info("event=identity.import.created line={} email={} id={} invited={}", person.line(), person.email(), id, invited);
      created.add(new ImportReport.Created(person, id, invited, Optional.ofNullable(password)));
      provisioning.changed(new ChangeNotice(ChangeNotice.Kind.USER, id, ChangeNotice.Operation.CREATE));
    }
    invalid.sort((a, b) -> Integer.compare(a.line(), b.line()));
    LOG.info("event=identity.import.done dry_run={} created={} existing={} invalid={}",
        dryRun, created.size(), existing.size(), invalid.size());
    return new ImportReport(dryRun, created, existing, invalid);
  }

  /** 144 random bits, URL-safe: long enough for the realm's password policy; Keycloak makes the user change it. */
  private static String temporaryPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
