package eu.sovereignmail.gateway.routing;

/**
 * A route could not be read from or written to its database. Unchecked because {@link RouteStore} reads never touch
 * the database; writes that throw it changed nothing (neither the database nor the rules in memory).
 */
public final class RouteStoreException extends RuntimeException {
  public RouteStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
