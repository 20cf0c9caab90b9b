package eu.sovereignmail.gateway.http.archiveui;

import io.javalin.http.Context;
import org.jsoup.nodes.Document;

/**
 * One page of the legal UI: builds its document with jsoup's DOM (so text is always escaped) inside the common
 * layout ({@link UiRoutes#layout}); may instead answer itself (a download, a redirect) and return null.
 */
@FunctionalInterface
public interface UiPage {
  Document render(Context ctx, UiUser user) throws Exception;
}
