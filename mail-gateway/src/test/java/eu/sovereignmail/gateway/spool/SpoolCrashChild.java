package eu.sovereignmail.gateway.spool;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * The process {@link SpoolCrashIT} kills: several threads commit messages in a loop and print {@code C <id> .} for each
 * commit whose future completed (then {@code J <id> .} after marking some journaled). Anything printed was acknowledged.
 */
public final class SpoolCrashChild {
  private SpoolCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Spool spool = Spool.open(dir, SpoolSettings.defaults());
    for (int t = 0; t < threads; t++) {
      Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; ; i++) {
            Envelope envelope = TestEnvelopes.envelope();
            spool.accept(envelope, new ByteArrayInputStream(TestEnvelopes.messageFor(envelope.id()))).get();
            print("C " + envelope.id() + " .");
            if (i % 3 == 0) {
              spool.markJournaled(envelope.id()).get();
              print("J " + envelope.id() + " .");
            }
          }
        } catch (Exception e) {
          print("E " + e);
        }
      });
    }
    print("READY .");
  }

  private static void print(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
