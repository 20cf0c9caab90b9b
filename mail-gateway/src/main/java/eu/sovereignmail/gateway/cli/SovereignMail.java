package eu.sovereignmail.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sovereign-mail} command line: one entry point for running and operating the gateway. */
@Command(
    name = "sovereign-mail",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sovereign Mail: a mail gateway in front of Apache James, with Keycloak identity and a journal archive.",
    subcommands = {UpCommand.class, GatewayCommand.class, QueueCommand.class, RouteCommand.class, UsersCommand.class,
      AppPasswordCommand.class, DkimCommand.class, ArchiveCommand.class, CommandLine.HelpCommand.class})
public final class SovereignMail {
  public static void main(String[] args) {
    System.exit(new CommandLine(new SovereignMail()).execute(args));
  }
}
