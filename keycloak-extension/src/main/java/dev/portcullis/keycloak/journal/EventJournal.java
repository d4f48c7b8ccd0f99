package dev.portcullis.keycloak.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The event journal in Keycloak's database ({@code PORTCULLIS_EVENT_JOURNAL}). {@link #append} writes
 * events in the caller's transaction, so an event is durable once the action it records commits, and
 * gone if that rolls back. As a {@link Backlog} it serves the node's forwarder, each call in a
 * transaction of its own; every node of a cluster reads the same table.
 */
public final class EventJournal implements Backlog {

    /** How long a node holds the events it delivers before another may take them. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> EVENT = new TypeReference<>() {
    };

    private final KeycloakSessionFactory sessions;

    public EventJournal(KeycloakSessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Writes events in the session's transaction; each gets an {@code id} unless it has one (Keycloak's
     * own event id), which the policy service drops duplicates by.
     */
    public static void append(KeycloakSession session, List<Map<String, Object>> events) {
        EntityManager entities = entities(session);
        long now = System.currentTimeMillis();
        for (Map<String, Object> event : events) {
            Map<String, Object> withId = new LinkedHashMap<>(event);
            if (!(withId.get("id") instanceof String id) || id.isBlank()) {
                withId.put("id", UUID.randomUUID().toString());
            }
            JournalEntry entry = new JournalEntry();
            entry.id = (String) withId.get("id");
            entry.createdAt = now;
            entry.body = json(withId);
            entities.persist(entry);
        }
    }

    @Override
    public List<Held> claim(int max) {
        return inTransaction(entities -> {
            long now = System.currentTimeMillis();
            List<String> due = entities.createQuery("select e.id from JournalEntry e where e.leaseUntil < :now"
                    + " order by e.createdAt, e.id", String.class)
                    .setParameter("now", now).setMaxResults(max).getResultList();
            if (due.isEmpty()) {
                return List.of();
            }
            String lease = UUID.randomUUID().toString();
            // another node may have taken some of them meanwhile: the condition leaves those to it
            entities.createQuery("update JournalEntry e set e.lease = :lease, e.leaseUntil = :until"
                    + " where e.id in :ids and e.leaseUntil < :now")
                    .setParameter("lease", lease).setParameter("until", now + LEASE.toMillis())
                    .setParameter("ids", due).setParameter("now", now).executeUpdate();
            List<Held> held = new ArrayList<>();
            for (JournalEntry entry : entities.createQuery("select e from JournalEntry e where e.lease = :lease"
                    + " order by e.createdAt, e.id", JournalEntry.class).setParameter("lease", lease).getResultList()) {
                Map<String, Object> event = parse(entry.body);
                event.put("id", entry.id);
                held.add(new Held(entry.id, event));
            }
            return held;
        });
    }

    @Override
    public void renew(Collection<String> ids) {
        if (!ids.isEmpty()) {
            inTransaction(entities -> entities.createQuery("update JournalEntry e set e.leaseUntil = :until"
                    + " where e.id in :ids").setParameter("until", System.currentTimeMillis() + LEASE.toMillis())
                    .setParameter("ids", ids).executeUpdate());
        }
    }

    @Override
    public void release(Collection<String> ids) {
        if (!ids.isEmpty()) {
            inTransaction(entities -> entities.createQuery("update JournalEntry e set e.leaseUntil = 0, e.lease = null"
                    + " where e.id in :ids").setParameter("ids", ids).executeUpdate());
        }
    }

    @Override
    public void remove(Collection<String> ids) {
        if (!ids.isEmpty()) {
            inTransaction(entities -> entities.createQuery("delete from JournalEntry e where e.id in :ids")
                    .setParameter("ids", ids).executeUpdate());
        }
    }

    @Override
    public long size() {
        return inTransaction(entities -> entities.createQuery("select count(e) from JournalEntry e", Long.class)
                .getSingleResult());
    }

    @Override
    public Optional<Instant> oldest() {
        Long oldest = inTransaction(entities -> entities.createQuery("select min(e.createdAt) from JournalEntry e",
                Long.class).getSingleResult());
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(sessions, session -> work.apply(entities(session)));
    }

    private static EntityManager entities(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    static String json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An entry that does not parse as a JSON object (edited in the database, cut by a failing disk) is
     * delivered as what it is, so it is counted and leaves the journal instead of blocking it.
     */
    static Map<String, Object> parse(String body) {
        try {
            Map<String, Object> event = body == null ? null : JSON.readValue(body, EVENT);
            if (event != null) {
                return event;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // recorded as unreadable, below
        }
        Map<String, Object> unreadable = new LinkedHashMap<>();
        unreadable.put("time", Instant.now().toString());
        unreadable.put("type", "KEYCLOAK_EVENT_UNREADABLE");
        unreadable.put("outcome", "failure");
        unreadable.put("details", Map.of("length", body == null ? 0 : body.length()));
        return unreadable;
    }
}
