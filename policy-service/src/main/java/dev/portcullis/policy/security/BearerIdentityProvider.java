package dev.portcullis.policy.security;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.crypto.Secrets;
import dev.portcullis.policy.problem.TokenRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves a bearer token to who is calling: the bootstrap admin (compared in constant time) or a
 * service, found by the SHA-256 of its key. Anything else is refused. A service pinned to client
 * certificates is refused unless this request's connection presented one of them, on every request,
 * a remembered key too: counted as an authentication failure and recorded by {@link ServiceKeys}.
 * <p>
 * The bootstrap admin token is for first setup: it is refused (401, saying why and how to get in)
 * after {@code portcullis.admin-token-expires-at}, and once an OIDC admin switched it off
 * ({@link BootstrapTokenUses}, read from the database at each use, so every replica refuses it at once).
 * Each use and each refusal is audited with the request's method and path, never the token.
 */
@Startup
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<BearerTokenRequest> {

    public static final String BOOTSTRAP_ADMIN = "admin:bootstrap";
    static final int MIN_ADMIN_TOKEN_LENGTH = 16;
    /** How to get in without the bootstrap token, for every refusal of it. */
    static final String OIDC_INSTEAD = "Sign in as an OIDC admin instead: a person with realm role policy-admin,"
            + " with a token of the console's client (the console, or its bearer token on the API).";

    private static final Logger LOG = Logger.getLogger(BearerIdentityProvider.class);

    private final Optional<String> adminToken;
    private final Optional<Instant> adminTokenExpiresAt;
    private final ServiceKeys services;
    private final BootstrapTokenUses bootstrapUses;
    private final Counter failures;

    @Inject
    public BearerIdentityProvider(PortcullisConfig config, ServiceKeys services, BootstrapTokenUses bootstrapUses,
            MeterRegistry meters) {
        this.adminToken = config.adminToken().filter(t -> !t.isBlank());
        this.adminToken.ifPresent(BearerIdentityProvider::checkStrength);
        this.adminTokenExpiresAt = config.adminTokenExpiresAt();
        this.adminToken.ifPresent(t -> warnAtStart(adminTokenExpiresAt, Instant.now()).ifPresent(LOG::warn));
        this.services = services;
        this.bootstrapUses = bootstrapUses;
        this.failures = Counter.builder("portcullis.auth.failures")
                .description("Requests refused for an invalid bearer token").register(meters);
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    /**
     * A service key verified moments ago is known in memory, answered where the request arrived; the
     * admin token (each use is recorded) and anything else are looked up on a worker thread.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        if (isAdminToken(token)) {
            return context.runBlocking(() -> bootstrapAdmin(request));
        }
        Optional<ServiceKeys.ServiceKey> remembered = services.remembered(token);
        if (remembered.isPresent()) {
            ServiceKeys.ServiceKey service = remembered.get();
            return service.accepts(request.clientCertificate()) ? Uni.createFrom().item(identity(service))
                    : context.runBlocking(() -> refuse(service, request));
        }
        return context.runBlocking(() -> resolve(request));
    }

    SecurityIdentity resolve(BearerTokenRequest request) {
        String token = request.token();
        Optional<ServiceKeys.ServiceKey> service = services.authenticate(token);
        if (service.isEmpty()) {
            failures.increment();
            throw new AuthenticationFailedException("unknown bearer token");
        }
        if (!service.get().accepts(request.clientCertificate())) {
            return refuse(service.get(), request);
        }
        return identity(service.get());
    }

    /** The bootstrap admin, unless the token has expired or was switched off: each answer is audited. */
    private SecurityIdentity bootstrapAdmin(BearerTokenRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        String method = context == null ? null : context.request().method().name();
        String path = context == null ? null : context.normalizedPath();
        String ip = context == null || context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress();
        Caller caller = new Caller(BOOTSTRAP_ADMIN, ip);
        Optional<String> expired = expiry(adminTokenExpiresAt, Instant.now());
        if (expired.isPresent()) {
            bootstrapUses.refused(caller, method, path, "expired");
            failures.increment();
            throw TokenRefused.because(expired.get());
        }
        Optional<String> refusal = bootstrapUses.admit(caller, method, path);
        if (refusal.isPresent()) {
            failures.increment();
            throw TokenRefused.because(refusal.get() + " " + OIDC_INSTEAD);
        }
        return admin();
    }

    /** Why the token is refused at {@code now} for its expiry, if it is: at the expiry instant and after. */
    static Optional<String> expiry(Optional<Instant> expiresAt, Instant now) {
        return expiresAt.filter(at -> !now.isBefore(at)).map(at -> "The bootstrap admin token expired at " + at
                + " (PORTCULLIS_ADMIN_TOKEN_EXPIRES_AT). " + OIDC_INSTEAD);
    }

    /** What to warn of at start about a configured token: no expiry, or one already past. */
    static Optional<String> warnAtStart(Optional<Instant> expiresAt, Instant now) {
        if (expiresAt.isEmpty()) {
            return Optional.of("PORTCULLIS_ADMIN_TOKEN is set with no expiry: it opens the admin API until it is"
                    + " removed or switched off. For first setup, set PORTCULLIS_ADMIN_TOKEN_EXPIRES_AT (e.g. a day"
                    + " ahead), create the first OIDC admin, then switch it off (POST"
                    + " /api/v1/admin/bootstrap-token/disable) and remove it.");
        }
        return expiry(expiresAt, now).map(why -> why + " It is refused on every request; remove it.");
    }

    /** A pinned service's key with another certificate, or none: counted, recorded, refused with the reason. */
    private SecurityIdentity refuse(ServiceKeys.ServiceKey service, BearerTokenRequest request) {
        failures.increment();
        try {
            services.certificateRefused(service, request.clientCertificate(), request.clientAddress());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Refused the key of %s for its client certificate, and could not record it", service.name());
        }
        throw TokenRefused.because(request.clientCertificate() == null
                ? "This API key is bound to a client certificate: call over TLS and present that certificate."
                : "This API key is bound to another client certificate than the one this connection presented.");
    }

    private boolean isAdminToken(String token) {
        return adminToken.isPresent() && Secrets.constantTimeEquals(adminToken.get(), token);
    }

    private static SecurityIdentity admin() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(BOOTSTRAP_ADMIN))
                .addRole(Roles.ADMIN).addRole(Roles.AUDITOR)
                .build();
    }

    private static SecurityIdentity identity(ServiceKeys.ServiceKey service) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(CurrentCaller.SERVICE_PREFIX + service.name()))
                .addRole(Roles.SERVICE)
                .addAttribute(CurrentCaller.SERVICE_ATTRIBUTE, service.name());
        service.scopes().forEach(scope -> identity.addRole(Roles.scope(scope)));
        return identity.build();
    }

    private static void checkStrength(String token) {
        if (token.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalStateException("PORTCULLIS_ADMIN_TOKEN is too short: use at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " random characters, e.g. `openssl rand -hex 32`.");
        }
    }
}
