package eu.sovereignmail.gateway.spool;

/** Where one recipient of a spooled message stands; DELIVERED and FAILED are final. */
public enum DeliveryStatus {
  PENDING, DELIVERED, FAILED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
