package eu.sovereignmail.identity.provisioning;

/**
 * Receives Keycloak changes; the provisioner implements it, and the push endpoint and the poller call it, so
 * neither needs to know how a change is applied to James.
 */
@FunctionalInterface
public interface ChangeListener {

    /** Applies (or schedules) the change; must be idempotent and must not throw for a change it cannot apply now. */
    void changed(ChangeNotice notice);
}
