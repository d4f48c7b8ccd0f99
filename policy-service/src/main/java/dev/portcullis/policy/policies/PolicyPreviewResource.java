package dev.portcullis.policy.policies;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which policies a person gets, and why: {@code GET /api/v1/admin/policy-preview} for a known subject
 * (the groups, roles and client of their latest login decision) or for groups, roles and a client
 * given as query parameters ({@code ?group=/treasury/payments&role=...&client=...}). It names each
 * policy that applies with the reason (a subgroup's member through the group above it) and what the
 * policies demand together, as a login decision resolves them. It records nothing.
 */
@Path("/api/v1/admin/policy-preview")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyPreviewResource {

    static final int MAX_NAMES = PolicyDocument.MAX_ENTRIES;
    static final int MAX_NAME_LENGTH = 255;

    /** What the preview answers. {@code enrolBy}: from the subject's first sighting, or from now for groups. */
    public record Preview(String subject, List<String> groups, List<String> roles, String client,
            List<PolicyMatch> policies, String mfaPolicy, boolean mfaRequired, List<Method> methods, Instant enrolBy,
            Level reuse, Level variantReuse, Level breached, int minLength, Map<String, Binding> bindWith) {
    }

    @Inject
    PolicyStore store;

    @Inject
    SubjectRegistry subjects;

    @Inject
    People people;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public Preview preview(@QueryParam("subject") String subject, @QueryParam("group") List<String> groups,
            @QueryParam("role") List<String> roles, @QueryParam("client") String client) {
        if (subject != null) {
            if (!groups.isEmpty() || !roles.isEmpty() || client != null) {
                throw ApiProblem.badRequest("Ask for a subject, or for groups, roles and a client: not both.");
            }
            String name = people.anyKey("subject", subject);
            SubjectState state = subjects.find(name).orElseThrow(() -> ApiProblem.notFound("No subject '" + name
                    + "' is known here yet: it appears with its first login decision or enrolment."));
            SubjectFacts facts = SubjectFacts.parse(state.facts);
            return preview(name, facts.groups(), facts.roles(), facts.client(), state.firstSeenAt);
        }
        return preview(null, names("group", groups), names("role", roles), client == null ? null
                : names("client", List.of(client)).get(0), Instant.now());
    }

    private Preview preview(String subject, List<String> groups, List<String> roles, String client,
            Instant firstSeen) {
        List<NamedPolicy> policies = store.current();
        Set<String> groupSet = Set.copyOf(groups);
        Set<String> roleSet = Set.copyOf(roles);
        ResolvedPolicy resolved = PolicyResolver.resolve(policies, groupSet, roleSet, client, firstSeen);
        Map<String, Binding> bindWith = new TreeMap<>();
        resolved.bindings().forEach((method, binding) -> bindWith.put(method.name().toLowerCase(java.util.Locale.ROOT),
                binding));
        return new Preview(subject, List.copyOf(groups), List.copyOf(roles), client,
                PolicyResolver.explain(policies, groupSet, roleSet, client), resolved.mfaPolicy(),
                resolved.mfaRequired(), resolved.methods(), resolved.enrolBy(), resolved.reuse(),
                resolved.variantReuse(), resolved.breached(), resolved.minLength(), bindWith);
    }

    /** The names given, each 1-255 characters without control characters, at most 100 of them. */
    private static List<String> names(String field, List<String> values) {
        if (values.size() > MAX_NAMES) {
            throw ApiProblem.invalidField(field, "is given more than " + MAX_NAMES + " times");
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
                throw ApiProblem.invalidField(field, "must be 1-" + MAX_NAME_LENGTH + " characters");
            }
            SubjectRegistry.refuseControls(field, value);
        }
        return values.stream().distinct().sorted().toList();
    }
}
