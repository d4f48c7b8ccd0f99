package dev.portcullis.keycloak.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The policy service's API v1, as Keycloak calls it. One instance per Keycloak node: the JDK client
 * keeps connections alive and reuses them. Every call is bounded by the connect and request
 * timeouts of {@link PolicyServiceSettings}; what cannot be answered in time is a
 * {@link PolicyServiceException}, a 4xx a {@link PolicyServiceRejection}. The API key is sent as a
 * bearer token and never logged; passwords and codes go only into request bodies.
 */
public final class PolicyServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String DECISIONS = "/api/v1/decisions/login";
    /** Where the person signing in is, for the notice they get (the policy service believes it from Keycloak's key alone). */
    static final String PERSON_ADDRESS = "X-Portcullis-Person-Address";
    static final String PERSON_REALM = "X-Portcullis-Person-Realm";
    /**
     * Whom a call is about, by Keycloak's immutable id, and when that account was made: the policy
     * service keys people on the id ({@link Account}).
     */
    static final String SUBJECT_ID = "X-Portcullis-Subject-Id";
    static final String SUBJECT_CREATED = "X-Portcullis-Subject-Created";
    static final String SUBJECT_REALM = "X-Portcullis-Subject-Realm";

    /**
     * The person a call made during their sign-in is about: their realm and address, which the notice
     * they get about the change names.
     */
    public record Person(String realm, String address) {
    }

    private final PolicyServiceSettings settings;
    private final HttpClient http;

    public PolicyServiceClient(PolicyServiceSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // completions run on the client's own I/O thread: answers are small and read without
                // blocking, and each call saves a hand-off to a pool thread on the login's path
                .executor(Runnable::run)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
    }

    public PolicyServiceSettings settings() {
        return settings;
    }

    public Answers.LoginDecision decide(String subject, Collection<String> groups, Collection<String> roles,
            String client, Collection<String> enrolledMethods) {
        return decide(new LoginFacts(subject, List.copyOf(groups), List.copyOf(roles), client,
                List.copyOf(enrolledMethods)));
    }

    public Answers.LoginDecision decide(LoginFacts facts) {
        return call("POST", DECISIONS, facts, Answers.LoginDecision.class, facts.account(), null);
    }

    /**
     * The decision as a preview, which the policy service takes without recording anything, asked
     * without waiting: the answer arrives while the caller goes on (see {@link DecisionAhead}).
     */
    public CompletableFuture<Answers.LoginDecision> previewDecision(LoginFacts facts) {
        String path = DECISIONS + "?preview=true";
        try {
            return http.sendAsync(request("POST", path, facts, facts.account(), null),
                    HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(response -> read(response, "POST", path, Answers.LoginDecision.class));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public Answers.Enrolment startEnrolment(String subject) {
        return startEnrolment(Account.named(subject));
    }

    public Answers.Enrolment startEnrolment(Account account) {
        return call("POST", subjectPath(account) + "/totp/enrolment", null, Answers.Enrolment.class, account, null);
    }

    /** The recovery codes, shown once; a wrong code is a rejection (422). */
    public Answers.RecoveryCodes confirmEnrolment(String subject, String code) {
        return confirmEnrolment(Account.named(subject), code, null);
    }

    /**
     * The calls a person's sign-in makes say who and where that person is ({@code person}, or null):
     * the notice they get about the change finds them and names the address.
     */
    public Answers.RecoveryCodes confirmEnrolment(Account account, String code, Person person) {
        return call("POST", subjectPath(account) + "/totp/enrolment/confirm", Map.of("code", code),
                Answers.RecoveryCodes.class, account, person);
    }

    /** A locked subject is a rejection with {@link PolicyServiceRejection#locked()}. */
    public Answers.TotpVerification verifyTotp(String subject, String code) {
        return verifyTotp(Account.named(subject), code, null);
    }

    public Answers.TotpVerification verifyTotp(Account account, String code, Person person) {
        return call("POST", subjectPath(account) + "/totp/verify", Map.of("code", code),
                Answers.TotpVerification.class, account, person);
    }

    public Answers.RecoveryVerification verifyRecoveryCode(String subject, String code) {
        return verifyRecoveryCode(Account.named(subject), code, null);
    }

    public Answers.RecoveryVerification verifyRecoveryCode(Account account, String code, Person person) {
        return call("POST", subjectPath(account) + "/recovery-codes/verify", Map.of("code", code),
                Answers.RecoveryVerification.class, account, person);
    }

    /**
     * An access pass the person entered: when valid, it is spent and one factor may be bound now. A pass
     * that is not even shaped like one is a rejection (400).
     */
    public Answers.PassRedemption redeemPass(Account account, String pass, Person person) {
        return call("POST", subjectPath(account) + "/access-pass/verify", Map.of("pass", pass),
                Answers.PassRedemption.class, account, person);
    }

    /** Up to {@code max} messages to people, held for this node for a while (scope {@code enrol}). */
    public List<Answers.Notice> claimNotifications(int max) {
        Answers.Notice[] notices = call("POST", "/api/v1/notifications/claim?max=" + max, null, Answers.Notice[].class);
        return notices == null ? List.of() : List.of(notices);
    }

    public void notificationSent(String id) {
        call("POST", "/api/v1/notifications/" + encode(id) + "/sent", null, null);
    }

    /** The message could not be sent; the policy service audits {@code reason}. */
    public void notificationFailed(String id, String reason) {
        call("POST", "/api/v1/notifications/" + encode(id) + "/failed", Map.of("reason", reason), null);
    }

    public Answers.PasswordVerdict checkPassword(String subject, String service, String password,
            Collection<String> groups, Collection<String> roles, String client) {
        return checkPassword(Account.named(subject), service, password, groups, roles, client, null);
    }

    /**
     * Checks a password and, with {@code register} {@code "true"} (unless blocked: it is about to be
     * saved) or {@code "always"} (it is in use already), registers it for {@code service} in the same
     * call: the policy service computes its fingerprints once.
     */
    public Answers.PasswordVerdict checkPassword(Account account, String service, String password,
            Collection<String> groups, Collection<String> roles, String client, String register) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", account.username());
        body.put("service", service);
        body.put("password", password);
        body.put("groups", groups);
        body.put("roles", roles);
        body.put("client", client);
        return call("POST", "/api/v1/credentials/check" + (register == null ? "" : "?register=" + register), body,
                Answers.PasswordVerdict.class, account, null);
    }

    /** Stores the fingerprints of a password {@code service} has saved for {@code subject}. */
    public void registerPassword(String subject, String service, String password) {
        call("PUT", "/api/v1/credentials/" + encode(subject) + "/" + encode(service), Map.of("password", password),
                null);
    }

    /** Appends events to the audit log (at most 200 per call). */
    public void sendEvents(List<Map<String, Object>> events) {
        call("POST", "/api/v1/events", events, null);
    }

    private static String subjectPath(Account account) {
        return "/api/v1/subjects/" + encode(account.username());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T call(String method, String path, Object body, Class<T> answer) {
        return call(method, path, body, answer, null, null);
    }

    private <T> T call(String method, String path, Object body, Class<T> answer, Account account, Person person) {
        try {
            HttpRequest request = request(method, path, body, account, person);
            return read(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), method, path, answer);
        } catch (JsonProcessingException e) {
            throw new PolicyServiceException("the request to " + method + " " + path + " could not be written", e);
        } catch (IOException e) {
            throw new PolicyServiceException("the policy service at " + settings.url() + " did not answer " + method
                    + " in time: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyServiceException("interrupted while calling the policy service", e);
        }
    }

    private HttpRequest request(String method, String path, Object body, Account account, Person person)
            throws JsonProcessingException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Accept", "application/json");
        if (account != null && account.id() != null) {
            request.header(SUBJECT_ID, account.id());
            if (account.created() != null) {
                request.header(SUBJECT_CREATED, Long.toString(account.created()));
            }
            if (account.realm() != null) {
                request.header(SUBJECT_REALM, account.realm());
            }
        }
        if (person != null) {
            if (person.address() != null && !person.address().isBlank()) {
                request.header(PERSON_ADDRESS, person.address());
            }
            request.header(PERSON_REALM, person.realm());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return request.build();
    }

    /** The answer, or the rejection (4xx) or failure (5xx, not the expected JSON) it is. */
    private static <T> T read(HttpResponse<byte[]> response, String method, String path, Class<T> answer) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new PolicyServiceException(status, "the policy service failed: " + status + " " + detail(response));
        }
        if (status >= 400) {
            throw new PolicyServiceRejection(status, detail(response), retryAfter(response));
        }
        try {
            return answer == null ? null : JSON.readValue(response.body(), answer);
        } catch (IOException e) {
            throw new PolicyServiceException("the policy service answered " + method + " " + path
                    + " with something that is not the expected JSON", e);
        }
    }

    private static long retryAfter(HttpResponse<byte[]> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String detail(HttpResponse<byte[]> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
