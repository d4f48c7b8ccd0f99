package dev.portcullis.keycloak.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events waiting for the policy service, as the forwarder sees them: it holds some for a while
 * ({@link #claim}), keeps holding them while it retries ({@link #renew}), and removes them once they
 * are acknowledged or set aside ({@link #remove}). An entry a node holds is not handed to another
 * until the hold runs out, so a node that dies hands its work on rather than losing it.
 */
public interface Backlog {

    /** An event held for delivery, with the id that the policy service drops duplicates by. */
    record Held(String id, Map<String, Object> event) {
    }

    /** Holds up to {@code max} of the oldest events that nobody holds; empty when none waits. */
    List<Held> claim(int max);

    /** Keeps holding these events for another lease. */
    void renew(Collection<String> ids);

    /** Stops holding these events, for any node to take now (a node that shuts down). */
    void release(Collection<String> ids);

    /** Forgets these events: they are in the audit log, or set aside. */
    void remove(Collection<String> ids);

    /** How many events wait, held or not. */
    long size();

    /** When the oldest waiting event was journaled. */
    Optional<Instant> oldest();
}
