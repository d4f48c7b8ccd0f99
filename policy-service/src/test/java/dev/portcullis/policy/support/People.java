package dev.portcullis.policy.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access tokens as the employees realm issues them (RS256, {@code realm_access.roles},
 * {@code preferred_username}), signed with the test key whose public half the test profile trusts.
 */
public final class People {

    public static final String ISSUER = "https://issuer.test/realms/employees";
    private static final PrivateKey KEY = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private People() {
    }

    /** carol: policy-admin. */
    public static String admin() {
        return token("carol", List.of("policy-admin", "offline_access"));
    }

    /** dave: policy-auditor. */
    public static String auditor() {
        return token("dave", List.of("policy-auditor"));
    }

    /** erin: an employee with no console role. */
    public static String employee() {
        return token("erin", List.of("offline_access"));
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).redirects().follow(false);
    }

    public static String token(String username, List<String> roles) {
        return sign(KEY, claims(username, roles, Instant.now().plusSeconds(300)));
    }

    /** A token of the realm with some claims changed (or removed, where the value is null). */
    public static String token(String username, List<String> roles, Map<String, Object> changed) {
        Map<String, Object> claims = claims(username, roles, Instant.now().plusSeconds(300));
        changed.forEach((name, value) -> {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
        });
        return sign(KEY, claims);
    }

    public static Map<String, Object> claims(String username, List<String> roles, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "id-" + username);
        claims.put("typ", "Bearer");
        claims.put("azp", "portcullis-console");
        claims.put("acr", "mfa");
        claims.put("preferred_username", username);
        claims.put("realm_access", Map.of("roles", roles));
        claims.put("iat", Instant.now().getEpochSecond() - 5);
        claims.put("exp", expires.getEpochSecond());
        return claims;
    }

    /** Signed with a key nobody trusts. */
    public static String forged(String username, List<String> roles) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(generator.generateKeyPair().getPrivate(), claims(username, roles, Instant.now().plusSeconds(300)));
    }

    public static String expired(String username, List<String> roles) {
        return sign(KEY, claims(username, roles, Instant.now().minusSeconds(3600)));
    }

    static String sign(PrivateKey key, Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String body = b64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey load() {
        try (InputStream in = People.class.getResourceAsStream("/oidc-test-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the test signing key is missing", e);
        }
    }
}
