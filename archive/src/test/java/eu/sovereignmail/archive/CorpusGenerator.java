package eu.sovereignmail.archive;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A synthetic but mail-like corpus for ingest tests and benchmarks, generated lazily so a million
 * messages never sit in memory: people in a few domains, threads (Re: with In-Reply-To/References),
 * bodies of varied length around a target size, plain and HTML, attachments (text, CSV, binary), and a
 * share of repeats: exact duplicates (the same bytes journaled again, as after a redelivery) and journal
 * copies (the same message with another Received line and other envelope recipients, as when a
 * message is journaled once per recipient domain). Deterministic for a seed.
 */
public final class CorpusGenerator {
  /** What an item is relative to the messages before it. */
  public enum Kind {
    /** A new message. */
    ORIGINAL,
    /** The same bytes as an earlier original, under a new spool record. */
    DUPLICATE,
    /** An earlier original with a new Received line and other envelope recipients (same Message-ID). */
    JOURNAL_COPY
  }

  /**
   * One message to journal.
   *
   * @param originalIndex the ordinal of the original this item is (or repeats), from 0
   */
  public record Item(String spoolRecordId, Envelope envelope, byte[] raw, Kind kind, String messageId,
      int originalIndex) {}

  /**
   * How the corpus looks.
   *
   * @param targetBodyBytes average plain-text body size (the HTML alternative repeats it)
   * @param attachmentShare share of originals with an attachment
   * @param repeatShare share of items that repeat an earlier original (half duplicates, half journal copies)
   * @param htmlShare share of originals with an HTML alternative
   */
  public record Shape(int targetBodyBytes, double attachmentShare, double repeatShare, double htmlShare) {
    /**
     * Messages of 10 KB on average (log-normal body sizes, HTML alternatives and attachments included), 20 % with
     * attachments, 30 % repeats, 30 % with HTML.
     */
    public static Shape typical() {
      return new Shape(6_400, 0.2, 0.3, 0.3);
    }
  }

  private static final String[] WORDS = ("budget meeting court filing report draft review deadline evidence hearing "
      + "please attached regards minutes agenda contract procurement tender invoice payment council member state "
      + "regulation directive amendment proposal committee vote delegation mission travel schedule confirm request "
      + "approval signature counsel witness statement annex version final urgent confidential update summary "
      + "analysis figures quarter forecast audit compliance policy data protection transfer server migration "
      + "mailbox archive provider sovereign infrastructure cloud contract renewal notice period clause party "
      + "translation interpretation session plenary question answer follow next week today tomorrow Monday Friday")
      .split(" ");
  private static final String[] FIRST = {"alice", "bob", "carol", "dan", "eve", "frank", "grace", "heidi", "ivan",
      "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"};
  private static final String[] LOCAL_DOMAINS = {"example.eu", "court.example.eu"};
  private static final String[] REMOTE_DOMAINS = {"example.org", "partner.example.net", "ministry.example.fr",
      "agency.example.de"};
  private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int WINDOW = 2_000;

  private final long seed;
  private final Shape shape;
  private final String prefix;

  /** A typical corpus; spool record ids start with {@code prefix}. */
  public CorpusGenerator(long seed, String prefix) {
    this(seed, prefix, Shape.typical());
  }

  public CorpusGenerator(long seed, String prefix, Shape shape) {
    this.seed = seed;
    this.prefix = prefix;
    this.shape = shape;
  }

  /** {@code count} items, generated as the stream is consumed. */
  public Stream<Item> stream(int count) {
    return StreamSupport.stream(Spliterators.spliterator(iterator(count), count,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
  }

  /** {@code count} items, generated as the iterator is consumed. */
  public Iterator<Item> iterator(int count) {
    return new Iterator<>() {
      private final Random random = new Random(seed);
      private final List<Original> recent = new ArrayList<>();
      private int produced;
      private int originals;

      @Override
      public boolean hasNext() {
        return produced < count;
      }

      @Override
      public Item next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = produced++;
        String spoolId = prefix + "-" + n;
        if (!recent.isEmpty() && random.nextDouble() < shape.repeatShare()) {
          Original original = recent.get(random.nextInt(recent.size()));
          if (random.nextBoolean()) {
            Envelope first = original.envelope;
            Envelope again = new Envelope(first.mailFrom(), first.recipients(), first.direction(), first.clientIp(),
                first.authenticatedUser(), first.gatewayNode(), first.receivedAt().plusSeconds(1));
            return new Item(spoolId, again, original.raw, Kind.DUPLICATE, original.messageId, original.index);
          }
          return journalCopy(spoolId, original, n);
        }
        Original original = original(originals++);
        recent.add(original);
        if (recent.size() > WINDOW) {
          recent.remove(0);
        }
        return new Item(spoolId, original.envelope, original.raw, Kind.ORIGINAL, original.messageId, original.index);
      }

      private Item journalCopy(String spoolId, Original original, int n) {
        String received = "Received: from relay" + (n % 7) + ".example.net by gw-2.example.eu with ESMTPS id c" + n
            + "; " + RFC_5322.format(original.envelope.receivedAt().plusSeconds(30)) + "\r\n";
        byte[] raw = concat(received.getBytes(StandardCharsets.US_ASCII), original.raw);
        String other = person(random) + "@" + REMOTE_DOMAINS[random.nextInt(REMOTE_DOMAINS.length)];
        Envelope envelope = new Envelope(original.envelope.mailFrom(), List.of(other, "bcc-" + n + "@example.eu"),
            original.envelope.direction(), "198.51.100." + (n % 200), null, "gw-2",
            original.envelope.receivedAt().plusSeconds(30));
        return new Item(spoolId, envelope, raw, Kind.JOURNAL_COPY, original.messageId, original.index);
      }

      private Original original(int index) {
        Direction direction = Direction.values()[random.nextInt(3)];
        String from = address(random, direction != Direction.INBOUND);
        List<String> to = new ArrayList<>();
        int recipients = 1 + random.nextInt(3);
        for (int i = 0; i < recipients; i++) {
          to.add(address(random, direction != Direction.OUTBOUND));
        }
        String cc = random.nextInt(4) == 0 ? address(random, true) : null;
        Instant date = START.plusSeconds((long) index * 600 + random.nextInt(600));
        String messageId = messageId(seed, index);
        Original parent = index > 0 && !recent.isEmpty() && random.nextInt(4) == 0
            ? recent.get(random.nextInt(recent.size())) : null;
        String subject = parent != null ? "Re: " + parent.subject : sentence(random, 3 + random.nextInt(5));
        StringBuilder headers = new StringBuilder()
            .append("Message-ID: ").append(messageId).append("\r\n")
            .append("Date: ").append(RFC_5322.format(date)).append("\r\n")
            .append("From: ").append(display(from)).append(" <").append(from).append(">\r\n")
            .append("To: ").append(String.join(", ", to)).append("\r\n");
        if (cc != null) {
          headers.append("Cc: ").append(cc).append("\r\n");
        }
        headers.append("Subject: ").append(subject).append("\r\n");
        if (parent != null) {
          headers.append("In-Reply-To: ").append(parent.messageId).append("\r\n")
              .append("References: ").append(parent.messageId).append("\r\n");
        }
        headers.append("MIME-Version: 1.0\r\n");
        String body = body(random);
        boolean html = random.nextDouble() < shape.htmlShare();
        boolean attachment = random.nextDouble() < shape.attachmentShare();
        String content;
        if (!html && !attachment) {
          content = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body;
        } else {
          String boundary = "b" + index + "x" + random.nextInt(1_000_000);
          StringBuilder multipart = new StringBuilder("Content-Type: multipart/mixed; boundary=\"" + boundary
              + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n");
          if (html) {
            multipart.append("--").append(boundary).append("\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>")
                .append(body.replace("\r\n\r\n", "</p><p>")).append("</p></body></html>\r\n");
          }
          if (attachment) {
            multipart.append(attachmentPart(random, boundary, index));
          }
          content = multipart.append("--").append(boundary).append("--\r\n").toString();
        }
        byte[] raw = (headers + content).getBytes(StandardCharsets.UTF_8);
        List<String> rcpt = new ArrayList<>(to);
        if (cc != null) {
          rcpt.add(cc);
        }
        Envelope envelope = new Envelope(from, rcpt, direction, direction == Direction.INBOUND ? "203.0.113." + (index % 250)
            : "10.0.0." + (index % 250), direction == Direction.INBOUND ? null : from.substring(0, from.indexOf('@')),
            "gw-1", date.plusSeconds(2));
        return new Original(index, messageId, subject, raw, envelope);
      }

      private String body(Random random) {
        int target = Math.max(200, (int) (shape.targetBodyBytes() * Math.exp(random.nextGaussian() * 0.6 - 0.18)));
        StringBuilder body = new StringBuilder("Hello,\r\n\r\n");
        while (body.length() < target) {
          body.append(sentence(random, 6 + random.nextInt(14))).append(". ");
          if (random.nextInt(5) == 0) {
            body.append("\r\n\r\n");
          } else if (random.nextInt(2) == 0) {
            body.append("\r\n");
          }
        }
        return body.append("\r\n\r\nRegards\r\n").toString();
      }

      private String attachmentPart(Random random, String boundary, int index) {
        int kind = random.nextInt(3);
        String name;
        String type;
        byte[] data;
        if (kind == 0) {
          name = "notes-" + index + ".txt";
          type = "text/plain";
          data = sentence(random, 40 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
        } else if (kind == 1) {
          name = "figures-" + index + ".csv";
          type = "text/csv";
          StringBuilder csv = new StringBuilder("item,amount\r\n");
          for (int r = 0; r < 20 + random.nextInt(80); r++) {
            csv.append(WORDS[random.nextInt(WORDS.length)]).append(',').append(random.nextInt(100_000)).append("\r\n");
          }
          data = csv.toString().getBytes(StandardCharsets.UTF_8);
        } else {
          name = "scan-" + index + ".bin";
          type = "application/octet-stream";
          data = new byte[1_000 + random.nextInt(20_000)];
          random.nextBytes(data);
        }
        return "--" + boundary + "\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(data) + "\r\n";
      }
    };
  }

  /** The Message-ID of original number {@code index} in the corpus of {@code seed}. */
  public static String messageId(long seed, int index) {
    return "<m" + index + "." + Long.toHexString(seed) + "@corpus.example.eu>";
  }

  private record Original(int index, String messageId, String subject, byte[] raw, Envelope envelope) {}

  private static String sentence(Random random, int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      s.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      if (i < words - 1) {
        s.append(' ');
      }
    }
    return s.toString();
  }

  private static String person(Random random) {
    return FIRST[random.nextInt(FIRST.length)] + (random.nextInt(3) == 0 ? "." + FIRST[random.nextInt(FIRST.length)] : "");
  }

  private static String address(Random random, boolean local) {
    String[] domains = local ? LOCAL_DOMAINS : REMOTE_DOMAINS;
    return person(random) + "@" + domains[random.nextInt(domains.length)];
  }

  private static String display(String address) {
    String local = address.substring(0, address.indexOf('@'));
    StringBuilder name = new StringBuilder();
    for (String part : local.split("\\.")) {
      name.append(name.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
