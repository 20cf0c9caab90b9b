package eu.sovereignmail.gateway.smtp.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts open connections overall and per client address, so one peer cannot take every slot. */
final class ConnectionLimiter {
  enum Admission { ADMITTED, SERVER_FULL, ADDRESS_FULL }

  private final int max;
  private final int perAddress;
  private final Map<InetAddress, Integer> byAddress = new HashMap<>();
  private int total;

  ConnectionLimiter(int max, int perAddress) {
    this.max = max;
    this.perAddress = perAddress;
  }

  /** Takes a slot when one is free; every {@code ADMITTED} must be followed by one {@link #release}. */
  synchronized Admission admit(InetAddress address) {
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

  synchronized void release(InetAddress address) {
    total--;
    byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
  }

  synchronized int open() {
    return total;
  }
}
