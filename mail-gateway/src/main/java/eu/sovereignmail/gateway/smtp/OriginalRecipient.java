package eu.sovereignmail.gateway.smtp;

/** The RFC 3461 ORCPT parameter, xtext-decoded: address type (e.g. {@code rfc822}) and the original address. */
public record OriginalRecipient(String addressType, String address) {
  public OriginalRecipient {
    if (addressType == null || addressType.isEmpty() || address == null || address.isEmpty()) {
      throw new IllegalArgumentException("ORCPT needs an address type and an address");
    }
  }

  @Override
  public String toString() {
    return addressType + ";" + address;
  }
}
