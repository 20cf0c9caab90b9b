package eu.sovereignmail.gateway.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the one Maven wrote into the jar, or "development" from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = SovereignMail.class.getPackage().getImplementationVersion();
    return new String[] {"sovereign-mail " + (version == null ? "development build" : version)};
  }
}
