package dev.portcullis.policy.security;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.problem.TokenRefused;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * A person signed in through Keycloak. Their token counts only when {@link PersonTokens} accepts it:
 * issued to the console's client (or for the configured audience) and proven by a second factor.
 * The console's own sign-in (an ID token in a session cookie) is good for {@code /console} only;
 * the API takes bearer tokens, so no cross-site request can ride on a console session.
 * <p>
 * An accepted person keeps only the realm roles that mean something here, {@code policy-admin}
 * and {@code policy-auditor}: a realm role that happens to be called {@code service} or
 * {@code scope:mfa} must never make a person a service. The audit log records them as
 * {@code person:<username>}. A console sign-in without a second factor keeps no role, and the
 * console's 403 page says why; a refused bearer token is a 401 problem that says why.
 */
@ApplicationScoped
public class PersonRoles implements SecurityIdentityAugmentor {

    public static final String ACTOR_ATTRIBUTE = "portcullis.actor";
    /** Set (to the reason) on a console sign-in that Portcullis does not accept. */
    public static final String REFUSED_ATTRIBUTE = "portcullis.refused";
    public static final String PERSON_PREFIX = "person:";
    private static final Set<String> PERSON_ROLES = Set.of(Roles.ADMIN, Roles.AUDITOR);

    private static final Logger LOG = Logger.getLogger(PersonRoles.class);

    private final String clientId;
    private final Optional<String> audience;
    private final List<String> acceptedAcr;

    @Inject
    public PersonRoles(PortcullisConfig config) {
        this.clientId = config.console().clientId();
        this.audience = config.console().audience().filter(a -> !a.isBlank());
        this.acceptedAcr = List.copyOf(config.console().acrValues());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        boolean consoleSession = identity.getCredential(IdTokenCredential.class) != null;
        if (consoleSession && !ConsolePaths.isConsole(path(identity))) {
            LOG.warnf("A console session of %s was sent to %s and refused: the API takes bearer tokens only.",
                    identity.getPrincipal().getName(), path(identity));
            return Uni.createFrom().failure(TokenRefused.because("The console's sign-in is good for /console only;"
                    + " the API takes bearer tokens."));
        }
        Optional<String> refusal = PersonTokens.refusal(token.getClaim("azp"), token.getAudience(),
                token.getClaim("acr"), clientId, audience, acceptedAcr);
        if (refusal.isPresent() && !consoleSession) {
            return Uni.createFrom().failure(TokenRefused.because(refusal.get()));
        }
        QuarkusSecurityIdentity.Builder person = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(ACTOR_ATTRIBUTE, PERSON_PREFIX + identity.getPrincipal().getName());
        if (refusal.isPresent()) {
            person.addAttribute(REFUSED_ATTRIBUTE, refusal.get());
        } else {
            identity.getRoles().stream().filter(PERSON_ROLES::contains).forEach(person::addRole);
        }
        return Uni.createFrom().item(person.build());
    }

    private static String path(SecurityIdentity identity) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(identity);
        return context == null ? null : context.normalizedPath();
    }
}
