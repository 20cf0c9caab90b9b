package eu.sovereignmail.archive.search.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One recipient of an archived message: header To/Cc, or an envelope RCPT TO merged from its journal copies. */
@Embeddable
public class RecipientValue {
  /** Header To. */
  public static final String TO = "TO";
  /** Header Cc. */
  public static final String CC = "CC";
  /** Envelope RCPT TO (blind copies are only here). */
  public static final String ENVELOPE = "ENVELOPE";

  @Column(name = "kind", nullable = false, length = 8)
  private String kind;

  @Column(name = "address", nullable = false, length = 512)
  private String address;

  @Column(name = "display_name", nullable = false, length = 512)
  private String displayName;

  protected RecipientValue() {}

  public RecipientValue(String kind, String address, String displayName) {
    this.kind = kind;
    this.address = Columns.clip(address, 512);
    this.displayName = Columns.clip(displayName == null ? "" : displayName, 512);
  }

  public String kind() {
    return kind;
  }

  public String address() {
    return address;
  }

  public String displayName() {
    return displayName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecipientValue r && r.kind.equals(kind) && r.address.equals(address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, address);
  }
}
