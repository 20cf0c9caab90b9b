package eu.sovereignmail.gateway.http.autoconfig;

import eu.sovereignmail.gateway.http.HttpModule;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client autoconfiguration on the gateway's HTTP port, so people type only their address and password: Mozilla's
 * autoconfig XML (Thunderbird, K-9/Thunderbird for Android, Evolution, ...) at both paths clients ask, an Apple
 * configuration profile (iPhone, iPad, macOS Mail), and a plain page that says what to type into any other client.
 * No authentication: it tells nothing beyond the public server names.
 */
public final class AutoconfigModule implements HttpModule {
  public static final String WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml";
  public static final String MOZILLA = "/mail/config-v1.1.xml";
  public static final String APPLE = "/autoconfig/sovereign-mail.mobileconfig";
  public static final String HELP = "/autoconfig";
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"&']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

  private final ClientSettings settings;

  public AutoconfigModule(ClientSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(WELL_KNOWN, this::mozilla);
    routes.get(MOZILLA, this::mozilla);
    routes.get(APPLE, this::apple);
    routes.get(HELP, this::help);
  }

  private void mozilla(Context ctx) {
    Optional<String> address = address(ctx);
    if (address.isEmpty() && ctx.queryParam("emailaddress") != null) {
      badAddress(ctx);
      return;
    }
    String domain = address.map(AutoconfigModule::domainOf).orElse(settings.defaultDomain());
    ctx.contentType("application/xml; charset=utf-8")
        .header("Cache-Control", "max-age=3600")
        .result(Documents.mozilla(settings, domain));
  }

  private void apple(Context ctx) {
    Optional<String> address = address(ctx);
    if (address.isEmpty()) {
      badAddress(ctx);
      return;
    }
    ctx.contentType("application/x-apple-aspen-config")
        .header("Content-Disposition", "attachment; filename=\"sovereign-mail.mobileconfig\"")
        .header("Cache-Control", "no-store")
        .result(Documents.apple(settings, address.get()));
  }

  private void help(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(Documents.help(settings));
  }

  private static void badAddress(Context ctx) {
    ctx.status(400).contentType("text/plain; charset=utf-8")
        .result("emailaddress must be an address like name@example.eu\n");
  }

  private static Optional<String> address(Context ctx) {
    String value = ctx.queryParam("emailaddress");
    if (value == null || value.length() > 254 || !ADDRESS.matcher(value.strip()).matches()) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
