package dev.portcullis.policy.console;

import dev.portcullis.policy.security.PersonRoles;
import dev.portcullis.policy.security.Roles;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is looking at a console page and which section is open: the layout shows their name, the
 * navigation, and the buttons that change things only to admins.
 */
@TemplateData
public record Viewer(String name, boolean admin, boolean auditor, String section, boolean withoutSecondFactor) {

    public static Viewer of(SecurityIdentity identity, String section) {
        String name = identity == null || identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        boolean refused = identity != null && identity.getAttribute(PersonRoles.REFUSED_ATTRIBUTE) != null;
        return new Viewer(name, has(identity, Roles.ADMIN), has(identity, Roles.AUDITOR), section, refused);
    }

    /** May see the console at all. */
    public boolean member() {
        return admin || auditor;
    }

    public String role() {
        return admin ? "admin" : auditor ? "auditor" : "no console role";
    }

    private static boolean has(SecurityIdentity identity, String role) {
        return identity != null && identity.hasRole(role);
    }
}
