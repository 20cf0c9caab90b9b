package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script finds a JDK 21+ by itself, whatever the default java is, and says what to install when there is none. */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "sovereign-mail").toAbsolutePath().normalize();
  private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

  @TempDir Path dir;

  @Test
  void findsAJdk21InTheUsualPlacesWithoutJavaHome() throws Exception {
    Path roots = dir.resolve("jdks");
    Files.createDirectories(roots);
    Files.createSymbolicLink(roots.resolve("some-jdk"), THIS_JDK);
    Result result = run(Map.of("SOVEREIGN_JDK_ROOTS", roots.toString(), "PATH", "/usr/bin:/bin"), "--version");
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("sovereign-mail");
  }

  @Test
  void skipsAJavaHomeOlderThan21() throws Exception {
    Path old = fakeJdk("17");
    Path roots = dir.resolve("jdks");
    Files.createDirectories(roots);
    Files.createSymbolicLink(roots.resolve("newer"), THIS_JDK);
    Result result = run(Map.of("JAVA_HOME", old.toString(), "SOVEREIGN_JDK_ROOTS", roots.toString(), "PATH", "/usr/bin:/bin"), "--version");
    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void withoutAnyJdk21ItNamesWhatToInstall() throws Exception {
    Path roots = dir.resolve("none");
    Files.createDirectories(roots);
    Files.createDirectories(dir.resolve("bin"));
    Result result = run(Map.of("SOVEREIGN_JDK_ROOTS", roots.toString(), "PATH", dir.resolve("bin") + ":/nonexistent"), "--version");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("no JDK 21 or newer found").contains("openjdk-21-jdk");
  }

  /** A directory that looks like a JDK whose java reports {@code version}. */
  private Path fakeJdk(String version) throws IOException {
    Path home = dir.resolve("jdk-" + version);
    Files.createDirectories(home.resolve("bin"));
    for (String tool : List.of("java", "javac")) {
      Path script = home.resolve("bin").resolve(tool);
      Files.writeString(script, "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return home;
  }

  private record Result(int exit, String output) {}

  private Result run(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("SOVEREIGN_SKIP_BUILD", "1");
    builder.environment().put("HOME", dir.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
