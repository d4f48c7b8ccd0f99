package dev.portcullis.e2e.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run command's realm (deploy/local/realm-employees.json), filled in as run.sh fills it, for a
 * policy service on the test's port; tests add what they need on top (clients, people, SMTP).
 */
public final class DemoRealm {

    private final Map<String, Object> realm;

    private DemoRealm(Map<String, Object> realm) {
        this.realm = realm;
    }

    public static DemoRealm load(int servicePort, String password, String consoleSecret) throws IOException {
        String text = Files.readString(Path.of(System.getProperty("portcullis.demo.realm",
                "../deploy/local/realm-employees.json")))
                .replace("@DEMO_PASSWORD@", password).replace("@CONSOLE_SECRET@", consoleSecret)
                .replace("127.0.0.1:8090", "127.0.0.1:" + servicePort)
                .replace("localhost:8090", "localhost:" + servicePort);
        return new DemoRealm(new ObjectMapper().readValue(text, new TypeReference<>() { }));
    }

    public Map<String, Object> toMap() {
        return realm;
    }

    /** A public client with the standard flow to {@code redirectUri}, and the password grant if asked. */
    public DemoRealm client(String clientId, String redirectUri, boolean directAccessGrants) {
        list("clients").add(new java.util.HashMap<>(Map.of("clientId", clientId, "publicClient", true,
                "enabled", true, "standardFlowEnabled", true, "directAccessGrantsEnabled", directAccessGrants,
                "redirectUris", List.of(redirectUri + "*"))));
        return this;
    }

    /** Changes a client of the realm file, e.g. lets the console's client take a password grant. */
    public DemoRealm clientSetting(String clientId, String key, Object value) {
        list("clients").stream().filter(c -> clientId.equals(c.get("clientId"))).forEach(c -> c.put(key, value));
        return this;
    }

    public DemoRealm person(String username, String group, String password) {
        return person(username, group, password, List.of());
    }

    /** A person with realm roles, e.g. {@code default-roles-employees}, which lets them use the account console. */
    public DemoRealm person(String username, String group, String password, List<String> realmRoles) {
        list("users").add(Map.of("username", username, "enabled", true, "email", username + "@example.com",
                "emailVerified", true, "firstName", username, "lastName", "Example", "groups", List.of(group),
                "realmRoles", realmRoles,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        return this;
    }

    /** Mail through an SMTP server on loopback, and the "Forgot password?" link on the login page. */
    public DemoRealm mail(int smtpPort) {
        realm.put("smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort),
                "from", "keycloak@example.com", "fromDisplayName", "Employees"));
        realm.put("resetPasswordAllowed", true);
        return this;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String key) {
        Object value = realm.get(key);
        List<Map<String, Object>> list = value == null ? new ArrayList<>() : new ArrayList<>((List<Map<String, Object>>) value);
        realm.put(key, list);
        return list;
    }
}
