package eu.sovereignmail.keycloak.events;

import eu.sovereignmail.keycloak.events.internal.NoticeMapping;
import eu.sovereignmail.keycloak.events.internal.NoticeSender;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerTransaction;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * The per-request listener: collects the request's events and hands their notices to the shared sender only once
 * Keycloak's transaction has committed, so the gateway never reads a change that was rolled back or is not visible yet.
 */
final class SovereignMailEventListener implements EventListenerProvider {
  private final EventListenerTransaction transaction;

  SovereignMailEventListener(KeycloakSession session, NoticeSender sender) {
    this.transaction = new EventListenerTransaction(
        (adminEvent, includeRepresentation) -> NoticeMapping.of(adminEvent).forEach(sender::submit),
        event -> NoticeMapping.of(event).forEach(sender::submit));
    session.getTransactionManager().enlistAfterCompletion(transaction);
  }

  @Override
  public void onEvent(Event event) {
    transaction.addEvent(event);
  }

  @Override
  public void onEvent(AdminEvent event, boolean includeRepresentation) {
    transaction.addAdminEvent(event, includeRepresentation);
  }

  @Override
  public void close() {
    // nothing per request: the sender belongs to the factory
  }
}
