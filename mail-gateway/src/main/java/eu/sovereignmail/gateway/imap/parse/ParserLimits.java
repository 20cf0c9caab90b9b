package eu.sovereignmail.gateway.imap.parse;

/**
 * Bounds on what a client may send before login: one physical line (bearer tokens in SASL-IR are several KB),
 * one literal ({@code {n}} and {@code {n+}}; LITERAL- caps non-synchronizing ones at 4096), literals per command, and
 * the whole command.
 */
public record ParserLimits(int maxLine, int maxLiteral, int maxLiterals, int maxCommand) {
  public ParserLimits {
    if (maxLine < 64 || maxLiteral < 1 || maxLiterals < 1 || maxCommand < maxLine) {
      throw new IllegalArgumentException("bad parser limits");
    }
  }

  public static ParserLimits defaults() {
    return new ParserLimits(16 << 10, 4096, 4, 32 << 10);
  }
}
