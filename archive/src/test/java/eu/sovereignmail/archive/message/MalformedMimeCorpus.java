package eu.sovereignmail.archive.message;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The test messages shipped in apache-mime4j-core's {@code tests} jar (a test dependency): the
 * mimetools and mime4j collections, many deliberately broken (bad boundaries, truncated parts,
 * header fakeouts, infinite nesting). Read from the jar on the class path.
 */
public final class MalformedMimeCorpus {
  private MalformedMimeCorpus() {}

  /** Every {@code .msg} resource in the jar, by its path in the jar, in a stable order. */
  public static Map<String, byte[]> messages() throws IOException {
    URL marker = MalformedMimeCorpus.class.getClassLoader().getResource("mimetools-testmsgs/");
    if (marker == null || !"jar".equals(marker.getProtocol())) {
      throw new IllegalStateException("apache-mime4j-core tests jar not on the test class path");
    }
    String jarPath = marker.getPath().substring("file:".length(), marker.getPath().indexOf('!'));
    Map<String, byte[]> messages = new TreeMap<>();
    try (JarFile jar = new JarFile(Path.of(new URL("file:" + jarPath).toURI()).toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      List<JarEntry> wanted = new ArrayList<>();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().endsWith(".msg")) {
          wanted.add(entry);
        }
      }
      for (JarEntry entry : wanted) {
        try (InputStream in = jar.getInputStream(entry)) {
          messages.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    return messages;
  }
}
