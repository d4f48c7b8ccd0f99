package dev.portcullis.policy.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A person signed in through Keycloak keeps only the realm roles that mean something here,
 * {@code policy-admin} and {@code policy-auditor}: a realm role that happens to be called
 * {@code service} or {@code scope:mfa} must never make a person a service. The audit log records
 * them as {@code person:<username>}.
 */
@ApplicationScoped
public class PersonRoles implements SecurityIdentityAugmentor {

    public static final String ACTOR_ATTRIBUTE = "portcullis.actor";
    public static final String PERSON_PREFIX = "person:";
    private static final Set<String> PERSON_ROLES = Set.of(Roles.ADMIN, Roles.AUDITOR);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder person = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(ACTOR_ATTRIBUTE, PERSON_PREFIX + identity.getPrincipal().getName());
        identity.getRoles().stream().filter(PERSON_ROLES::contains).forEach(person::addRole);
        return Uni.createFrom().item(person.build());
    }
}
