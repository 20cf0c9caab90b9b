package eu.sovereignmail.gateway.provisioning;

import eu.sovereignmail.gateway.provisioning.internal.ImapAclSession;
import eu.sovereignmail.identity.provisioning.MailDirectoryTarget;
import eu.sovereignmail.stack.james.JamesWebAdmin;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The James backend as provisioning's {@link MailDirectoryTarget}: domains, accounts, aliases, address groups
 * (distribution lists) and user quotas through WebAdmin; shared team mailboxes as IMAP ACL rights on the team
 * account's INBOX, set over the backend IMAP as the administrator acting for that account (James 3.8.1 has no WebAdmin
 * route for ACLs). Without {@link BackendImap} shared mailboxes are not supported.
 *
 * <p>Our james-backend keeps these rights in MariaDB and shows the team INBOX to each member as the folder
 * {@code Shared.<team local part>} in the member's own folder list (see james-backend's README, "Shared mailboxes").
 * An unmodified James 3.8.1 with the JPA mailbox accepts SETACL but never stores it and never lists other users'
 * mailboxes. The first grant is therefore read back; when it did not stick, shared mailboxes are switched off for this
 * backend with one error in the log, and the team account stays an ordinary mailbox that receives the team's mail.
 */
public final class JamesMailDirectory implements MailDirectoryTarget {
  /** What a team member may do in a shared mailbox: everything but deleting it or changing its rights (RFC 4314). */
  public static final String MEMBER_RIGHTS = "lrswipkte";
  static final String SHARED_FOLDER = "INBOX";
  private static final Duration IMAP_TIMEOUT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JamesMailDirectory.class);

  private final JamesWebAdmin webAdmin;
  private final Optional<BackendImap> imap;
  private volatile boolean aclsKept = true;
  private volatile boolean aclsChecked;

  public JamesMailDirectory(JamesWebAdmin webAdmin, Optional<BackendImap> imap) {
    this.webAdmin = Objects.requireNonNull(webAdmin, "webAdmin");
    this.imap = Objects.requireNonNull(imap, "imap");
  }

  @Override
  public Set<String> domains() throws IOException {
    return lower(webAdmin.listDomains());
  }

  @Override
  public void addDomain(String domain) throws IOException {
    webAdmin.ensureDomain(domain);
  }

  @Override
  public Set<String> users() throws IOException {
    return lower(webAdmin.listUsers());
  }

  @Override
  public void addUser(String address) throws IOException {
    if (!users().contains(address)) {
      // People log in at the gateway (Keycloak); James sessions are opened by the administrator acting for them.
      webAdmin.ensureUser(address, randomPassword());
    }
  }

  @Override
  public void removeUser(String address) throws IOException {
    webAdmin.deleteUser(address);
  }

  @Override
  public Map<String, Set<String>> aliases() throws IOException {
    return mappings("Alias", true);
  }

  @Override
  public void addAlias(String alias, String user) throws IOException {
    webAdmin.addAlias(alias, user);
  }

  @Override
  public void removeAlias(String alias, String user) throws IOException {
    webAdmin.removeAlias(alias, user);
  }

  @Override
  public OptionalLong quota(String user) throws IOException {
    return webAdmin.userQuotaSize(user);
  }

  @Override
  public void setQuota(String user, OptionalLong bytes) throws IOException {
    webAdmin.setUserQuotaSize(user, bytes);
  }

  @Override
  public Map<String, Set<String>> lists() throws IOException {
    return mappings("Group", false);
  }

  @Override
  public void addListMember(String list, String member) throws IOException {
    webAdmin.addGroupMember(list, member);
  }

  @Override
  public void removeListMember(String list, String member) throws IOException {
    webAdmin.removeGroupMember(list, member);
  }

  @Override
  public Set<String> sharedMailboxMembers(String mailbox) throws IOException {
    Set<String> members = new HashSet<>();
    try (ImapAclSession session = open(mailbox)) {
      session.getAcl(SHARED_FOLDER).keySet().forEach(id -> {
        String member = id.toLowerCase(Locale.ROOT);
        if (member.contains("@") && !member.equals(mailbox)) {
          members.add(member);
        }
      });
    }
    return members;
  }

  @Override
  public void grantSharedMailbox(String mailbox, String member) throws IOException {
    try (ImapAclSession session = open(mailbox)) {
      session.setAcl(SHARED_FOLDER, member, MEMBER_RIGHTS);
    }
    if (!aclsChecked) {
      aclsChecked = true;
      if (!sharedMailboxMembers(mailbox).contains(member)) {
        aclsKept = false;
        LOG.error("event=provisioning.shared_mailboxes_unsupported mailbox={} reason=\"the backend accepted SETACL but"
            + " did not keep it (an unmodified James 3.8.1 JPA mailbox stores no ACLs)\" effect=\"team accounts receive mail but are"
            + " not shared\"", mailbox);
        throw new IOException("the backend does not keep IMAP ACLs: shared mailboxes are not available on it");
      }
    }
  }

  @Override
  public void revokeSharedMailbox(String mailbox, String member) throws IOException {
    try (ImapAclSession session = open(mailbox)) {
      session.deleteAcl(SHARED_FOLDER, member);
    }
  }

  @Override
  public boolean supportsSharedMailboxes() {
    return imap.isPresent() && aclsKept;
  }

  private ImapAclSession open(String owner) throws IOException {
    BackendImap backend = imap.orElseThrow(() -> new IOException("no backend IMAP administrator configured"));
    return ImapAclSession.open(backend.host(), backend.port(), backend.adminUser(), backend.adminPassword(), owner,
        IMAP_TIMEOUT);
  }

  /**
   * James's rewrite rules of one type, by owner: for aliases the target user → its alias sources
   * ({@code byTarget}); for groups the group address → its members.
   */
  private Map<String, Set<String>> mappings(String type, boolean byTarget) throws IOException {
    Map<String, Set<String>> result = new HashMap<>();
    for (JamesWebAdmin.Mapping mapping : webAdmin.listMappings()) {
      if (!mapping.type().equalsIgnoreCase(type)) {
        continue;
      }
      String source = mapping.source().toLowerCase(Locale.ROOT);
      String target = mapping.target().toLowerCase(Locale.ROOT);
      if (byTarget) {
        result.computeIfAbsent(target, t -> new HashSet<>()).add(source);
      } else {
        result.computeIfAbsent(source, s -> new HashSet<>()).add(target);
      }
    }
    return result;
  }

  private static Set<String> lower(Iterable<String> values) {
    Set<String> out = new HashSet<>();
    values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
    return out;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
