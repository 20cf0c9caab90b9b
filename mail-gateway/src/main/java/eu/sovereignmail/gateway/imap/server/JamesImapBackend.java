package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.imap.session.Backend;
import eu.sovereignmail.gateway.sasl.SaslDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a user's IMAP session on James as the James administrator acting for the user: {@code AUTHENTICATE PLAIN}
 * with authzid = the user's address, authcid = the administrator (see james-backend's README), then CAPABILITY.
 * The user's own James password is never used; people log in at the gateway.
 *
 * <p>A login costs one round trip to James: the connection comes greeted from a small pool ({@link GreetedPool}:
 * IMAP cannot log a connection in twice, so only connect + greeting are done ahead), with SASL-IR the login is one
 * line, and James's capabilities (server-wide, the same for every user) are asked at most once a minute, pipelined
 * behind a login. So James does no more per session than for a client logging in directly. The server closes this
 * backend when it stops.
 */
public final class JamesImapBackend implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JamesImapBackend.class);
  /** Greeted connections kept ready by default; James closes unused ones after its own timeout (minutes). */
  public static final int DEFAULT_POOL = 4;
  /** A pooled connection older than this is closed instead of used (well within James's connection timeout). */
  static final Duration POOL_MAX_IDLE = Duration.ofSeconds(30);
  /** How long James's capabilities (before and after login, the same for every user) are reused before asked again. */
  static final Duration CAPABILITIES_TTL = Duration.ofMinutes(1);
  private static final byte[] CAPABILITY = "g2 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII);

  private final String host;
  private final int port;
  private final String adminUser;
  private final String adminPassword;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final GreetedPool pool;
  /** James's capabilities as last asked (null: not yet); they are server-wide, so asking at every login is waste. */
  private volatile Known known;

  /** Capabilities before login (only SASL-IR matters here) and after, and when they were asked. */
  private record Known(boolean saslIr, List<String> afterLogin, long askedNanos) {
    boolean fresh() {
      return System.nanoTime() - askedNanos < CAPABILITIES_TTL.toNanos();
    }
  }

  public JamesImapBackend(String host, int port, String adminUser, String adminPassword, Duration connectTimeout,
      Duration readTimeout) {
    this(host, port, adminUser, adminPassword, connectTimeout, readTimeout, DEFAULT_POOL);
  }

  /** {@code pooled}: greeted connections kept ready (0: connect at each login). */
  public JamesImapBackend(String host, int port, String adminUser, String adminPassword, Duration connectTimeout,
      Duration readTimeout, int pooled) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
    this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.pool = new GreetedPool(pooled, POOL_MAX_IDLE, this::greet);
  }

  /** Starts filling the pool in the background (the first logins then find greeted connections). */
  public void warm() {
    pool.refill();
  }

  /**
   * A logged-in session as {@code mailbox}, or why not (never throws for network trouble). A pooled connection that
   * James closed meanwhile is replaced by a fresh one, once.
   */
  public Backend.Opening open(String mailbox) {
    try {
      Optional<GreetedPool.Greeted> pooled = pool.take();
      if (pooled.isPresent()) {
        try {
          return new Backend.Opening.Opened(login(pooled.get(), mailbox));
        } catch (LoginRefused refused) {
          return new Backend.Opening.Unavailable(refused.getMessage());
        } catch (IOException stale) {
          LOG.debug("event=imap.backend_pooled_stale error=\"{}\"", stale.getMessage());
        }
      }
      GreetedPool.Greeted fresh = greet();
      try {
        return new Backend.Opening.Opened(login(fresh, mailbox));
      } catch (IOException | RuntimeException e) {
        fresh.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      return new Backend.Opening.Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      pool.refill();
    }
  }

  /** Connect, greeting, and the pre-login capabilities (from the greeting's code, else a CAPABILITY command). */
  private GreetedPool.Greeted greet() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      BackendLines in = new BackendLines(socket.getInputStream());
      String greeting = in.line();
      if (!greeting.regionMatches(true, 0, "* OK", 0, 4)) {
        throw new IOException("unexpected greeting: " + brief(greeting));
      }
      List<String> capabilities = capabilityCode(greeting).orElse(null);
      Known known = this.known;
      boolean saslIr;
      if (capabilities != null) {
        saslIr = hasSaslIr(capabilities);
      } else if (known != null && known.fresh()) {
        saslIr = known.saslIr();
      } else {
        OutputStream out = socket.getOutputStream();
        out.write("g0 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        saslIr = hasSaslIr(capabilityResponse(in, "g0"));
        this.known = new Known(saslIr, null, System.nanoTime());
      }
      return new GreetedPool.Greeted(socket, in, saslIr, System.nanoTime());
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /**
   * {@code AUTHENTICATE PLAIN} as the administrator for {@code mailbox} (with SASL-IR in one line), then, unless
   * James's capabilities after login are known from a recent login, CAPABILITY pipelined behind it. The connection is
   * closed when this throws.
   */
  private JamesLink login(GreetedPool.Greeted greeted, String mailbox) throws IOException {
    Socket socket = greeted.socket();
    BackendLines in = greeted.in();
    try {
      OutputStream out = socket.getOutputStream();
      Known known = this.known;
      boolean ask = known == null || known.afterLogin() == null || !known.fresh();
      byte[] then = ask ? CAPABILITY : new byte[0];
      String response = SaslDecoder.encode(mailbox + "\0" + adminUser + "\0" + adminPassword);
      if (greeted.saslIr()) {
        out.write(concat(("g1 AUTHENTICATE PLAIN " + response + "\r\n").getBytes(StandardCharsets.US_ASCII), then));
        out.flush();
      } else {
        out.write("g1 AUTHENTICATE PLAIN\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = in.untilTaggedOr("g1", "+");
        if (!line.startsWith("+")) {
          throw new LoginRefused("AUTHENTICATE PLAIN refused: " + brief(line));
        }
        out.write(concat((response + "\r\n").getBytes(StandardCharsets.US_ASCII), then));
        out.flush();
      }
      String done = in.untilTaggedOr("g1", null);
      if (!done.regionMatches(true, 0, "g1 OK", 0, 5)) {
        throw new LoginRefused("administrator login as the user refused: " + brief(done));
      }
      List<String> capabilities;
      if (ask) {
        capabilities = capabilityResponse(in, "g2");
        this.known = new Known(greeted.saslIr(), capabilities, System.nanoTime());
      } else {
        capabilities = capabilityCode(done).orElse(known.afterLogin());
      }
      socket.setSoTimeout(0);
      return new JamesLink(socket, in.leftover(), capabilities);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** The {@code * CAPABILITY} line up to {@code tag}'s OK. */
  private static List<String> capabilityResponse(BackendLines in, String tag) throws IOException {
    String capabilityLine = null;
    while (true) {
      String next = in.line();
      if (next.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
        capabilityLine = next.substring(13);
      } else if (next.startsWith(tag + " ")) {
        if (!next.regionMatches(true, 0, tag + " OK", 0, tag.length() + 3) || capabilityLine == null) {
          throw new IOException("CAPABILITY failed: " + brief(next));
        }
        return words(capabilityLine);
      }
    }
  }

  private static boolean hasSaslIr(List<String> capabilities) {
    return capabilities.stream().anyMatch(c -> c.equalsIgnoreCase("SASL-IR"));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static Optional<List<String>> capabilityCode(String okLine) {
    int start = okLine.toUpperCase(Locale.ROOT).indexOf("[CAPABILITY ");
    int end = okLine.indexOf(']', Math.max(start, 0));
    return start < 0 || end < 0 ? Optional.empty() : Optional.of(words(okLine.substring(start + 12, end)));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split(" +")).filter(w -> !w.isEmpty()).toList();
  }

  private static String brief(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }

  /** Closes the greeted connections kept ready; logged-in sessions are their connections' to end. */
  @Override
  public void close() {
    pool.close();
  }

  /** James answered the login itself with a refusal: a fresh connection would be refused too. */
  private static final class LoginRefused extends IOException {
    LoginRefused(String message) {
      super(message);
    }
  }

  /** An open, logged-in James connection, with what James sent beyond the login dialogue (to pass on first). */
  static final class JamesLink implements Backend.Link {
    private final Socket socket;
    private final byte[] leftover;
    private final List<String> capabilities;

    JamesLink(Socket socket, byte[] leftover, List<String> capabilities) {
      this.socket = socket;
      this.leftover = leftover;
      this.capabilities = List.copyOf(capabilities);
    }

    Socket socket() {
      return socket;
    }

    byte[] leftover() {
      return leftover;
    }

    @Override
    public List<String> capabilities() {
      return capabilities;
    }

    @Override
    public void close() {
      closeQuietly(socket);
    }
  }
}
