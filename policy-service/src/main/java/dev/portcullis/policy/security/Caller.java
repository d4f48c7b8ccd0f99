package dev.portcullis.policy.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * Who made a request, as the audit log records it: a principal name and a client address. When the
 * identity provider calls during a person's sign-in, it may say where that person is
 * ({@value #PERSON_ADDRESS} header): {@code personAddress}, for the notice the person gets ("from
 * where"). Only a caller with scope {@code enrol} is believed, and only an address-shaped value; the
 * audit log keeps the caller's own address.
 */
public record Caller(String actor, String ip, String personAddress, String personRealm) {

    public static final String PERSON_ADDRESS = "X-Portcullis-Person-Address";
    /** The realm of the person signing in, so that their notice finds them among realms that share a name. */
    public static final String PERSON_REALM = "X-Portcullis-Person-Realm";
    static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    static final Pattern REALM = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public Caller(String actor, String ip) {
        this(actor, ip, null, null);
    }

    public static Caller of(SecurityIdentity identity, HttpServerRequest request) {
        String actor = identity == null || identity.isAnonymous() ? "anonymous" : actorOf(identity);
        String ip = request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Caller(actor, ip, said(identity, request, PERSON_ADDRESS, ADDRESS),
                said(identity, request, PERSON_REALM, REALM));
    }

    private static String said(SecurityIdentity identity, HttpServerRequest request, String header, Pattern shape) {
        if (request == null || identity == null || !identity.hasRole(Roles.SCOPE_ENROL)) {
            return null;
        }
        String said = request.getHeader(header);
        return said != null && shape.matcher(said).matches() ? said : null;
    }

    /** {@code person:carol} for someone signed in through Keycloak; else the principal's name. */
    private static String actorOf(SecurityIdentity identity) {
        String actor = identity.getAttribute(PersonRoles.ACTOR_ATTRIBUTE);
        return actor != null ? actor : identity.getPrincipal().getName();
    }

    /** A person signed in through Keycloak (not the bootstrap admin token, nor a service). */
    public boolean isPerson() {
        return actor != null && actor.startsWith(PersonRoles.PERSON_PREFIX);
    }
}
