package dev.portcullis.e2e.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/** The claims of a token Keycloak issued (read, not verified: the test only looks at them). */
public final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    public static Map<String, Object> claims(String token) throws IOException {
        String[] parts = token.split("\\.");
        return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<>() { });
    }

    /** A field of a token endpoint's JSON answer, e.g. access_token. */
    public static String field(String json, String name) throws IOException {
        Object value = JSON.readValue(json, new TypeReference<Map<String, Object>>() { }).get(name);
        return value == null ? null : value.toString();
    }
}
