package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.archive.ArchiveCaller;

/**
 * The signed-in person a UI page is rendered for: the archive caller (for the audited archive calls) and the
 * session's CSRF token, which every form that changes something carries.
 */
public record UiUser(ArchiveCaller caller, String csrfToken) {}
