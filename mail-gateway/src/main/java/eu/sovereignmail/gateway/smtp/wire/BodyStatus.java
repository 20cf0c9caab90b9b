package eu.sovereignmail.gateway.smtp.wire;

/** Why a body decoder returned: it needs input, its output buffer is full, the body ended, or a bare CR/LF. */
public enum BodyStatus {
  NEED_INPUT, OUTPUT_FULL, END, BARE_LINE_BREAK
}
