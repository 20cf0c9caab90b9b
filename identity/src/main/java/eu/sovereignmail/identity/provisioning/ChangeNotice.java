package eu.sovereignmail.identity.provisioning;

import java.util.Objects;

/**
 * One change Keycloak reported (pushed by the event listener or found by the admin-events poller), so every
 * path into provisioning speaks the same small type.
 *
 * @param kind what changed
 * @param id the Keycloak id of the user or group ({@code ""} for {@link Kind#REALM})
 * @param operation what happened to it
 */
public record ChangeNotice(Kind kind, String id, Operation operation) {

    /** The kind of Keycloak object a notice is about. */
    public enum Kind { USER, GROUP, REALM }

    /** What happened; {@link Operation#UPDATE} also covers attributes, enablement and membership changes. */
    public enum Operation { CREATE, UPDATE, DELETE }

    public ChangeNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        if (kind != Kind.REALM && id.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " notice needs an id");
        }
    }
}
