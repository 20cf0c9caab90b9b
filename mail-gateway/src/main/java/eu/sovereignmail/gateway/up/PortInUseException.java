package eu.sovereignmail.gateway.up;

import java.net.InetAddress;

/** Raised before anything starts when a port {@code up} needs is taken; its message is the one line the user sees. */
public final class PortInUseException extends Exception {
  public PortInUseException(InetAddress host, StackPorts.Binding binding) {
    super("port " + binding.port() + " (" + binding.purpose() + ") is already in use on " + host.getHostAddress()
        + "; stop what uses it or choose another port with " + binding.flag() + " <port>");
  }
}
