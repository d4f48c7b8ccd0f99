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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves a bearer token to who is calling: the bootstrap admin (compared in constant time) or a
 * service, found by the SHA-256 of its key. Anything else is refused. A service pinned to client
 * certificates is refused unless this request's connection presented one of them, on every request,
 * a remembered key too: counted as an authentication failure and recorded by {@link ServiceKeys}.
 */
@Startup
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<BearerTokenRequest> {

    public static final String BOOTSTRAP_ADMIN = "admin:bootstrap";
    static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private static final Logger LOG = Logger.getLogger(BearerIdentityProvider.class);

    private final Optional<String> adminToken;
    private final ServiceKeys services;
    private final Counter failures;

    @Inject
    public BearerIdentityProvider(PortcullisConfig config, ServiceKeys services, MeterRegistry meters) {
        this.adminToken = config.adminToken().filter(t -> !t.isBlank());
        this.adminToken.ifPresent(BearerIdentityProvider::checkStrength);
        this.services = services;
        this.failures = Counter.builder("portcullis.auth.failures")
                .description("Requests refused for an invalid bearer token").register(meters);
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    /**
     * The admin token and a service key verified moments ago are known in memory, answered where the
     * request arrived; anything else is looked up on a worker thread.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        if (isAdminToken(token)) {
            return Uni.createFrom().item(admin());
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
        if (isAdminToken(token)) {
            return admin();
        }
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
