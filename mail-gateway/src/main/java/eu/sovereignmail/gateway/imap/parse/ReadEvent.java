package eu.sovereignmail.gateway.imap.parse;

/** What {@link CommandReader#next} found in the input. */
public sealed interface ReadEvent {
  /** The buffer holds no complete command; read more. */
  record NeedMore() implements ReadEvent {}

  /** A synchronizing literal {@code {n}} was announced within limits: send a continuation request ({@code + }). */
  record SendContinuation() implements ReadEvent {}

  /** A complete command. */
  record Command(RawCommand command) implements ReadEvent {}

  /** One line after {@link CommandReader#expectLine()} (an AUTHENTICATE response), without CRLF. */
  record Line(String text) implements ReadEvent {}

  /** A line over the limit; the reader skipped to its end. {@code tag} is a best guess, {@code *} if none. */
  record TooLong(String tag) implements ReadEvent {}

  /**
   * A literal over the limit. For {@code {n}} the client waits for a continuation it will not get, so the dialogue
   * can go on; a {@code {n+}} literal is already on its way and the connection cannot be resynchronised.
   */
  record LiteralTooBig(String tag, boolean synchronizing) implements ReadEvent {}

  /** A NUL octet, which no IMAP line may hold; the reader skipped to the end of the line. */
  record BadOctet(String tag) implements ReadEvent {}

  NeedMore NEED_MORE = new NeedMore();
  SendContinuation SEND_CONTINUATION = new SendContinuation();
}
