package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dkim keygen} prints the record to publish and writes private keys mode 600; {@code dkim rotate} takes two steps. */
class DkimCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new SovereignMail()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void keygenPrintsTheTxtRecord() throws Exception {
    Run rsa = run("dkim", "--key-dir", dir.toString(), "keygen", "--domain", "example.eu", "--selector", "s1");
    assertThat(rsa.code()).isZero();
    assertThat(rsa.out()).contains("Name:  s1._domainkey.example.eu", "Value: v=DKIM1; k=rsa; p=MIIB", "signs mail from example.eu now");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("example.eu/s1.key")))).isEqualTo("rw-------");
    Run ed = run("dkim", "--key-dir", dir.toString(), "keygen", "--domain", "example.org", "--selector", "ed1", "--algorithm", "ed25519");
    assertThat(ed.out()).contains("Value: v=DKIM1; k=ed25519; p=");
  }

  @Test
  void rotateInTwoSteps() {
    run("dkim", "--key-dir", dir.toString(), "keygen", "--domain", "example.eu", "--selector", "s1");
    Run first = run("dkim", "--key-dir", dir.toString(), "rotate", "--domain", "example.eu");
    assertThat(first.out()).contains("Name:  s2._domainkey.example.eu", "run this command again");
    Run second = run("dkim", "--key-dir", dir.toString(), "rotate", "--domain", "example.eu");
    assertThat(second.out()).contains("Selector s2 signs mail from example.eu", "s1._domainkey.example.eu");
  }

  @Test
  void badInputIsAUsageError() {
    Run bad = run("dkim", "--key-dir", dir.toString(), "keygen", "--domain", "example.eu", "--selector", "s1", "--algorithm", "dsa");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("rsa or ed25519");
    assertThat(run("dkim", "--key-dir", dir.toString(), "rotate", "--domain", "none.example").code()).isEqualTo(2);
  }
}
