package dev.portcullis.policy.subjects;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
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

    /** How an admin says which of two people a value means: {@code ?match=key} or {@code ?match=name}. */
    static final String MATCH = "match";

    @Inject
    CurrentCaller caller;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Naming naming;

    /** A service's person: the key of {@code raw}'s holder, or the name if nobody has it as name or key. */
    public String key(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        Optional<Naming.Account> account = account(name);
        if (account.isPresent()) {
            return naming.identify(account.get(), caller.get());
        }
        return unnamed(name, naming.lookup(name, false).orElse(null));
    }

    /**
     * For a read-only answer: the key of the person the request means, without naming, renaming or
     * matching anyone; empty when nobody is stored for them yet.
     */
    public Optional<String> peek(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        Optional<Naming.Account> account = account(name);
        return account.isPresent() ? naming.keyOf(account.get().id()) : naming.lookup(name, false);
    }

    /**
     * An admin's person, through the API: the value as a key (as the audit log names people) when that
     * person is still called so, else the person who has that login name now, else the name. When the
     * value is the key of someone called otherwise now (a renamed person's first name, which a new account
     * may have taken), a 409 says so, and {@code ?match=key} or {@code ?match=name} says which: an admin
     * acting on a phone call must not act on the other one.
     */
    public String anyKey(String field, String raw) {
        String name = SubjectRegistry.parse(field, raw);
        Optional<String> holder = naming.lookup(name, false);
        Optional<String> keyed = naming.nameOfKey(name);
        if (keyed.isEmpty() || keyed.get().equals(name)) {
            return holder.orElse(name);
        }
        String match = query(MATCH);
        if ("key".equals(match)) {
            return name;
        }
        if ("name".equals(match)) {
            return holder.orElseThrow(() -> ApiProblem.notFound("No one is named '" + name + "' now."));
        }
        String whose = keyed.get().isEmpty() ? "who has no login name now" : "now named '" + keyed.get() + "'";
        throw ApiProblem.conflict("'" + name + "' is the key of the person " + whose
                + (holder.isPresent() ? ", and the login name of another (key '" + holder.get() + "')" : "")
                + ". Say which with ?match=key" + (holder.isPresent() ? " or ?match=name." : "."));
    }

    /**
     * The console's person: links carry keys, so the key first (the value is a key the console showed),
     * else whoever has the name now, else the name.
     */
    public String byKey(String field, String raw) {
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

    /** The same for the console, whose links carry keys. */
    public String inConsoleAudit(String raw) {
        return raw == null || raw.isBlank() ? raw : byKey("subject", raw);
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

    /** The account the identity provider says the request is about; none for anyone else, or without an id. */
    private Optional<Naming.Account> account(String name) {
        if (!caller.speaksForPeople()) {
            return Optional.empty(); // a service's word about ids counts for nothing
        }
        String id = header(Subjects.ID_HEADER);
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Naming.Account(name, SubjectRegistry.bounded(Subjects.ID_HEADER, id), created(),
                Optional.ofNullable(header(Subjects.REALM_HEADER))
                        .map(realm -> SubjectRegistry.bounded(Subjects.REALM_HEADER, realm)).orElse(null)));
    }

    private String header(String name) {
        var current = request.getCurrent();
        return current == null ? null : current.request().getHeader(name);
    }

    private String query(String name) {
        var current = request.getCurrent();
        return current == null ? null : current.request().getParam(name);
    }

    private Instant created() {
        String raw = header(Subjects.CREATED_HEADER);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(raw));
        } catch (NumberFormatException | DateTimeException e) {
            throw ApiProblem.badRequest(Subjects.CREATED_HEADER + " must be epoch milliseconds.");
        }
    }
}
