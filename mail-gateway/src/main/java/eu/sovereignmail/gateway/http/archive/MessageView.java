package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.search.MessageDetail;
import java.util.List;

/**
 * One message opened for a reviewer: the archive's detail plus the HTML bodies as written (unsanitized: the UI
 * sanitizes them before they reach a page; the API never returns them).
 *
 * @param detail what {@code ArchiveSearch.show} returned
 * @param htmlBodies the decoded text/html body parts, in order, each checked against its recorded hash
 */
public record MessageView(MessageDetail detail, List<String> htmlBodies) {
  public MessageView {
    htmlBodies = List.copyOf(htmlBodies);
  }
}
