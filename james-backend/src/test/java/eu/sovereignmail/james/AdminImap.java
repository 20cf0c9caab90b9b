package eu.sovereignmail.james;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads a user's INBOX the way the gateway does: IMAP AUTHENTICATE PLAIN with authzid = the user and
 * the administrator's own credentials.
 */
final class AdminImap implements AutoCloseable {
  private final Store store;
  private final Folder inbox;

  private AdminImap(Store store, Folder inbox) {
    this.store = store;
    this.inbox = inbox;
  }

  static AdminImap openAs(String user, String host, int port, String admin, String adminPassword)
      throws MessagingException {
    Properties props = new Properties();
    props.put("mail.imap.host", host);
    props.put("mail.imap.port", Integer.toString(port));
    props.put("mail.imap.auth.mechanisms", "PLAIN");
    props.put("mail.imap.auth.login.disable", "true");
    props.put("mail.imap.sasl.authorizationid", user);
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "30000");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(host, port, admin, adminPassword);
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    return new AdminImap(store, inbox);
  }

  int count() throws MessagingException {
    return inbox.getMessageCount();
  }

  List<String> subjects() throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (Message message : inbox.getMessages()) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  String bodyOf(String subject) throws MessagingException, IOException {
    for (Message message : inbox.getMessages()) {
      if (subject.equals(message.getSubject())) {
        return message.getContent().toString().trim();
      }
    }
    return null;
  }

  /** Server-side IMAP SEARCH SUBJECT: answered by James's Lucene index, not by the client. */
  int searchSubject(String subject) throws MessagingException {
    return inbox.search(new SubjectTerm(subject)).length;
  }

  @Override
  public void close() throws MessagingException {
    try {
      inbox.close(false);
    } finally {
      store.close();
    }
  }
}
