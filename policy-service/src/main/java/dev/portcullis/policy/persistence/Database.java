package dev.portcullis.policy.persistence;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

/**
 * The one active persistence unit: PostgreSQL ({@code pg}) when PORTCULLIS_DB_URL is set, else the
 * embedded H2 one. Both map the same entities with the same migrations.
 */
@ApplicationScoped
public class Database {

    public static final String EXTERNAL_UNIT = "pg";

    private final InjectableInstance<Session> embedded;
    private final InjectableInstance<Session> external;

    @Inject
    public Database(InjectableInstance<Session> embedded,
            @PersistenceUnit(EXTERNAL_UNIT) InjectableInstance<Session> external) {
        this.embedded = embedded;
        this.external = external;
    }

    /** The transaction-scoped session of the active unit. Call it inside a transaction. */
    public Session session() {
        return isExternal() ? external.get() : embedded.get();
    }

    public boolean isExternal() {
        return external.getHandle().getBean().isActive();
    }
}
