package dev.portcullis.keycloak.client;

import dev.portcullis.keycloak.journal.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The journal's contract in memory, for the forwarder's unit tests: entries held under a lease, taken
 * by another forwarder once it runs out, removed only when told. The real journal is Keycloak's
 * database table, proven end to end.
 */
final class MemoryBacklog implements Backlog {

    private record Entry(String id, Instant created, Map<String, Object> event, long leaseUntilNanos) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Duration lease;

    MemoryBacklog(Duration lease) {
        this.lease = lease;
    }

    MemoryBacklog() {
        this(Duration.ofSeconds(60));
    }

    synchronized void append(List<Map<String, Object>> events) {
        for (Map<String, Object> event : events) {
            Map<String, Object> withId = new LinkedHashMap<>(event);
            withId.putIfAbsent("id", UUID.randomUUID().toString());
            String id = (String) withId.get("id");
            entries.put(id, new Entry(id, Instant.now(), withId, 0));
        }
    }

    synchronized void append(List<Map<String, Object>> events, Instant created) {
        for (Map<String, Object> event : events) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> withId = new LinkedHashMap<>(event);
            withId.put("id", id);
            entries.put(id, new Entry(id, created, withId, 0));
        }
    }

    @Override
    public synchronized List<Held> claim(int max) {
        long now = System.nanoTime();
        List<Held> held = new ArrayList<>();
        for (Entry entry : List.copyOf(entries.values())) {
            if (held.size() == max) {
                break;
            }
            if (entry.leaseUntilNanos < now) {
                entries.put(entry.id, new Entry(entry.id, entry.created, entry.event, now + lease.toNanos()));
                held.add(new Held(entry.id, new LinkedHashMap<>(entry.event)));
            }
        }
        return held;
    }

    @Override
    public synchronized void renew(Collection<String> ids) {
        hold(ids, System.nanoTime() + lease.toNanos());
    }

    @Override
    public synchronized void release(Collection<String> ids) {
        hold(ids, 0);
    }

    private void hold(Collection<String> ids, long until) {
        for (String id : ids) {
            Entry entry = entries.get(id);
            if (entry != null) {
                entries.put(id, new Entry(id, entry.created, entry.event, until));
            }
        }
    }

    @Override
    public synchronized void remove(Collection<String> ids) {
        ids.forEach(entries::remove);
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public synchronized Optional<Instant> oldest() {
        return entries.values().stream().map(Entry::created).min(Instant::compareTo);
    }
}
