package eu.sovereignmail.gateway.frontdoor;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections overall and per client address, so one peer cannot take every slot; shared by every front
 * door (SMTP, IMAP), each server with its own instance.
 */
public final class ConnectionLimiter {
  public enum Admission { ADMITTED, SERVER_FULL, ADDRESS_FULL }

  private final int max;
  private final int perAddress;
  private final Map<InetAddress, Integer> byAddress = new HashMap<>();
  private int total;

  public ConnectionLimiter(int max, int perAddress) {
    this.max = max;
    this.perAddress = perAddress;
  }

  /** Takes a slot when one is free; every {@code ADMITTED} must be followed by one {@link #release}. */
  public synchronized Admission admit(InetAddress address) {
    if (total >= max) {
      return Admission.SERVER_FULL;
    }
    int current = byAddress.getOrDefault(address, 0);
    if (current >= perAddress) {
      return Admission.ADDRESS_FULL;
    }
    byAddress.put(address, current + 1);
    total++;
    return Admission.ADMITTED;
  }

  public synchronized void release(InetAddress address) {
    total--;
    byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
  }

  public synchronized int open() {
    return total;
  }
}
