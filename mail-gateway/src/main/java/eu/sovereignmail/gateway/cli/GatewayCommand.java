package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.gateway.app.Gateway;
import eu.sovereignmail.gateway.config.ConfigLoader;
import eu.sovereignmail.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gateway}: the gateway alone, from a configuration file, for production (James, MariaDB, Keycloak run elsewhere). */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the mail gateway (SMTP front doors, spool, delivery, continuity routing, admin HTTP) from a YAML file.",
      "Every key can be overridden by an environment variable: SOVEREIGN_ + its path, e.g. SOVEREIGN_DATABASE_PASSWORD.",
      "SIGTERM stops it cleanly; a crash loses nothing that was answered 250 (the spool is replayed at start)."
    })
final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, description = "The YAML configuration file (see docs/configure.md).")
  Path config;

  @Override
  public Integer call() throws Exception {
    GatewayConfig settings;
    try {
      settings = new ConfigLoader().load(config, System.getenv());
    } catch (IllegalArgumentException | java.io.IOException e) {
      spec.commandLine().getErr().println("sovereign-mail gateway: bad configuration: " + e.getMessage());
      return 2;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(settings);
    } catch (Exception e) {
      spec.commandLine().getErr().println("sovereign-mail gateway: could not start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
    spec.commandLine().getOut().println(gateway.describe());
    spec.commandLine().getOut().flush();
    new CountDownLatch(1).await();
    return 0;
  }
}
