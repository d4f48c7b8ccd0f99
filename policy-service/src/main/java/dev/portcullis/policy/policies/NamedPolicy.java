package dev.portcullis.policy.policies;

/** A stored policy with its name. */
public record NamedPolicy(String name, PolicyDocument document) {

    public static final String BASELINE = "baseline";
}
