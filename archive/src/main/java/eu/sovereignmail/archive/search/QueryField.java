package eu.sovereignmail.archive.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The text fields a query term can name; one place maps the words people type to what is searched. */
public enum QueryField {
  /** A bare word or phrase: subject, body, sender, recipients, attachment names and text. */
  ANY(""),
  /** The From (and Sender) header: address and display name. */
  FROM("from"),
  /** The To header. */
  TO("to"),
  /** The Cc header. */
  CC("cc"),
  /** Envelope recipients (every RCPT TO, so also blind copies): legal roles only. */
  BCC("bcc"),
  /** Anyone on the message: from, to, cc, and for legal roles the envelope recipients. */
  PARTICIPANT("participant"),
  /** The Subject header. */
  SUBJECT("subject"),
  /** The body text (text/plain and text/html parts). */
  BODY("body"),
  /** An attachment's file name or its extracted text. */
  ATTACHMENT("attachment"),
  /** An attachment's file name only. */
  FILENAME("filename"),
  /** The Message-ID header, matched exactly (angle brackets optional, case ignored). */
  MESSAGEID("messageid");

  private final String operator;

  QueryField(String operator) {
    this.operator = operator;
  }

  /** The word typed before the colon ({@code ""} for {@link #ANY}). */
  public String operator() {
    return operator;
  }

  /** The field named by {@code operator} (case ignored), if it is a text field. */
  public static Optional<QueryField> byOperator(String operator) {
    String lower = operator.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f != ANY && f.operator.equals(lower)).findFirst();
  }
}
