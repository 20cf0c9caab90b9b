package eu.sovereignmail.keycloak.events;

import eu.sovereignmail.keycloak.events.internal.ListenerSettings;
import eu.sovereignmail.keycloak.events.internal.NoticeSender;
import java.util.List;
import java.util.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The {@value #ID} event listener that Keycloak loads from its {@code providers/} directory: pushes user and group
 * changes to the Sovereign Mail gateway so that provisioning into James follows within a second. Configured with
 * {@code --spi-events-listener--sovereign-mail--url=...} and {@code --spi-events-listener--sovereign-mail--secret-file=...};
 * unconfigured, it loads and ignores events (the gateway's poller still catches up).
 */
public final class SovereignMailEventListenerFactory implements EventListenerProviderFactory {
  /** The listener's id: what the realm lists in {@code eventsListeners}. */
  public static final String ID = "sovereign-mail";
  private static final Logger LOG = Logger.getLogger(SovereignMailEventListenerFactory.class.getName());
  private static final EventListenerProvider IGNORE = new EventListenerProvider() {
    @Override
    public void onEvent(Event event) {}

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {}

    @Override
    public void close() {}
  };

  private NoticeSender sender;

  @Override
  public EventListenerProvider create(KeycloakSession session) {
    NoticeSender current = sender;
    return current == null ? IGNORE : new SovereignMailEventListener(session, current);
  }

  @Override
  public void init(Config.Scope config) {
    ListenerSettings settings;
    try {
      settings = ListenerSettings.from(config::get);
    } catch (IllegalArgumentException e) {
      LOG.severe("event=sovereign_mail.events.config_invalid error=\"" + e.getMessage()
          + "\" hint=\"fix --spi-events-listener--sovereign-mail--* ; events are not pushed meanwhile\"");
      return;
    }
    if (settings == null) {
      LOG.warning("event=sovereign_mail.events.not_configured hint=\"set --spi-events-listener--sovereign-mail--url and --secret-file\"");
      return;
    }
    sender = new NoticeSender(settings);
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {
    NoticeSender current = sender;
    sender = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public List<ProviderConfigProperty> getConfigMetadata() {
    return ProviderConfigurationBuilder.create()
        .property().name("url").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("The gateway's push endpoint, e.g. http://127.0.0.1:8080/api/provisioning/events").add()
        .property().name("secret-file").type(ProviderConfigProperty.STRING_TYPE)
        .helpText("A file whose first line is the secret shared with the gateway").add()
        .property().name("secret").type(ProviderConfigProperty.PASSWORD)
        .helpText("The shared secret itself, when no secret-file is given").add()
        .property().name("queue-capacity").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Notices kept while the gateway is slow; more are dropped").defaultValue(ListenerSettings.DEFAULT_QUEUE_CAPACITY).add()
        .property().name("connect-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Connect timeout per attempt").defaultValue((int) ListenerSettings.DEFAULT_CONNECT_TIMEOUT.toMillis()).add()
        .property().name("request-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Request timeout per attempt").defaultValue((int) ListenerSettings.DEFAULT_REQUEST_TIMEOUT.toMillis()).add()
        .property().name("attempts").type(ProviderConfigProperty.INTEGER_TYPE)
        .helpText("Attempts per notice while the gateway answers").defaultValue(ListenerSettings.DEFAULT_ATTEMPTS).add()
        .build();
  }
}
