package eu.sovereignmail.gateway.smtp.wire;

/** What {@link CommandLineDecoder#next} found in the bytes so far. */
public sealed interface LineEvent {
  /** Not a whole line yet; feed more bytes. */
  LineEvent NEED_MORE = new NeedMore();
  /** The line exceeded its limit; it was skipped up to its CRLF, answer 500 5.5.2 and go on. */
  LineEvent TOO_LONG = new TooLong();
  /** A CR not followed by LF, or an LF without CR: answer 521 5.5.2 and close (SMTP smuggling). */
  LineEvent BARE_LINE_BREAK = new BareLineBreak();

  /** A complete command line without its CRLF, decoded as UTF-8. */
  record Line(String text) implements LineEvent {}

  record NeedMore() implements LineEvent {}

  record TooLong() implements LineEvent {}

  record BareLineBreak() implements LineEvent {}
}
