package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.gateway.config.ConfigLoader;
import eu.sovereignmail.gateway.dkim.DkimAlgorithm;
import eu.sovereignmail.gateway.dkim.DkimKey;
import eu.sovereignmail.gateway.dkim.DkimKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dkim}: the operator makes and rotates the gateway's DKIM keys on the machine that runs it (the key files
 * never travel), and gets the DNS TXT record to publish for each.
 */
@Command(
    name = "dkim",
    mixinStandardHelpOptions = true,
    description = {
      "Makes and rotates DKIM signing keys (files under the gateway's data directory, private keys mode 600) and",
      "prints the DNS TXT record to publish. Exit codes: 0 ok, 1 the key files could not be written, 2 usage error."
    })
final class DkimCommand {
  @Spec CommandSpec spec;

  /** Where the keys are: the gateway's configuration file, or the key directory itself. */
  static final class Store {
    @Option(names = {"-c", "--config"}, description = "The gateway's YAML configuration (keys under dkim.key-dir or <data-dir>/dkim).")
    Path config;

    @Option(names = "--key-dir", description = "The DKIM key directory itself.")
    Path keyDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Store store;

  @Command(name = "keygen", description = "Makes a key for a domain under a selector and prints its TXT record; the domain's"
      + " first key signs at once, a later one waits for 'dkim rotate'.")
  int keygen(
      @Option(names = "--domain", required = true, description = "The signing domain (d=), e.g. example.eu.") String domain,
      @Option(names = "--selector", required = true, description = "The selector (s=), e.g. s1.") String selector,
      @Option(names = "--algorithm", defaultValue = "rsa", description = "rsa (2048 bits, default) or ed25519.") String algorithm) {
    try {
      DkimKeyStore keys = keys();
      DkimKey key = keys.generate(domain, selector, DkimAlgorithm.of(algorithm));
      boolean active = keys.active(domain).map(k -> k.selector().equals(key.selector())).orElse(false);
      print(key, active ? "This key signs mail from " + key.domain() + " now: publish the record before sending."
          : "Publish the record, wait for it to be visible, then run: sovereign-mail dkim rotate --domain " + key.domain());
      return 0;
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      return failure(e.getMessage());
    }
  }

  @Command(name = "rotate", description = "Two-step key rotation. First run: makes a new key under the other selector (s1<->s2)"
      + " and prints its record. Second run, once the record is published: the new key signs from now on.")
  int rotate(
      @Option(names = "--domain", required = true, description = "The signing domain.") String domain,
      @Option(names = "--selector", description = "The new selector (first step only; default: the other of s1/s2).") String selector) {
    try {
      DkimKeyStore.Rotation rotation = keys().rotate(domain, selector);
      if (rotation.step() == DkimKeyStore.Rotation.Step.PUBLISH) {
        print(rotation.key(), "Publish this record, wait for it to be visible (TTL), then run this command again.");
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Selector " + rotation.key().selector() + " signs mail from " + rotation.key().domain() + " from now on.");
        out.println("Keep the record of " + rotation.previous().dnsName() + " published for a few days (mail in transit),"
            + " then remove it.");
        out.flush();
      }
      return 0;
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      return failure(e.getMessage());
    }
  }

  private DkimKeyStore keys() throws IOException {
    if (store.keyDir != null) {
      return new DkimKeyStore(store.keyDir);
    }
    return new DkimKeyStore(new ConfigLoader().load(store.config, System.getenv()).dkimKeyDir());
  }

  private void print(DkimKey key, String next) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Name:  " + key.dnsName());
    out.println("Type:  TXT");
    out.println("Value: " + key.txtRecord());
    out.println();
    out.println("Zone file line:");
    out.println(key.zoneLine());
    out.println();
    out.println(next);
    out.flush();
  }

  private int usage(String message) {
    spec.commandLine().getErr().println("sovereign-mail dkim: " + message);
    return 2;
  }

  private int failure(String message) {
    spec.commandLine().getErr().println("sovereign-mail dkim: " + message);
    return 1;
  }
}
