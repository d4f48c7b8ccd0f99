package dev.portcullis.policy.subjects;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored person a request means by a login name ({@code subject} in a path or body), as the key
 * of their row. The identity provider (scope {@code idp}) says who it means by id
 * ({@value Subjects#ID_HEADER}), which names, renames or matches the person; every other caller means the
 * person who has that name now, and never one who had it before.
 */
@RequestScoped
public class People {

    @Inject
    CurrentCaller caller;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Naming naming;

    /** A service's person: the key of {@code raw}'s holder, or the name if nobody has it as name or key. */
    public String key(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        if (caller.speaksForPeople()) {
            String id = header(Subjects.ID_HEADER);
            if (id != null) {
                return naming.identify(name, id(id), created(), caller.get());
            }
        }
        return unnamed(name, naming.lookup(name, false).orElse(null));
    }

    /**
     * For a read-only answer: the key of the person the request means, without naming, renaming or
     * matching anyone; empty when nobody is stored for them yet.
     */
    public Optional<String> peek(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        if (caller.speaksForPeople()) {
            String id = header(Subjects.ID_HEADER);
            if (id != null) {
                return naming.keyOf(id(id));
            }
        }
        return naming.lookup(name, false);
    }

    /**
     * An admin's person: the person whose key it is (as the audit log and the console name them), else
     * the one who has that login name now (a renamed person is found by their new name too), else the
     * name.
     */
    public String anyKey(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        return naming.lookup(name, true).orElse(name);
    }

    /**
     * An audit filter's person, as typed ({@code raw}, blank for none): the key their events are recorded
     * under, so that a renamed person's events before the rename are found by their new name.
     */
    public String inAudit(String raw) {
        return raw == null || raw.isBlank() ? raw : anyKey("subject", raw);
    }

    /**
     * {@code key} when someone holds the name; the name itself when it is nobody's key either (callers
     * then find nobody, or the identity provider records a first sighting under it); a 404 when it is the
     * key of someone who has another name now, whom a name must not reach.
     */
    private String unnamed(String name, String key) {
        if (key != null) {
            return key;
        }
        if (naming.keyTaken(name)) {
            throw ApiProblem.notFound("No one is named '" + name + "' now: the person who was is known by"
                    + " another name.");
        }
        return name;
    }

    private String header(String name) {
        var current = request.getCurrent();
        return current == null ? null : current.request().getHeader(name);
    }

    private static String id(String raw) {
        if (raw.isEmpty() || raw.length() > Subjects.MAX_LENGTH || raw.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest(Subjects.ID_HEADER + " must be 1-" + Subjects.MAX_LENGTH
                    + " characters without control characters.");
        }
        return raw;
    }

    private Instant created() {
        String raw = header(Subjects.CREATED_HEADER);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(raw));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw ApiProblem.badRequest(Subjects.CREATED_HEADER + " must be epoch milliseconds.");
        }
    }
}
