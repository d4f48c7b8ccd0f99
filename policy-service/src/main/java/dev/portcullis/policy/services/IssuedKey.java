package dev.portcullis.policy.services;

import java.util.List;

/** A service with its new API key: returned once, at creation or rotation, and never again. */
public record IssuedKey(String name, List<String> scopes, List<String> certificatePins, String apiKey) {

    @Override
    public String toString() {
        return "IssuedKey[name=" + name + ", scopes=" + scopes + ", certificatePins=" + certificatePins
                + ", apiKey=redacted]";
    }
}
