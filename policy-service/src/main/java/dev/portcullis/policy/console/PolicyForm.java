package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import io.quarkus.qute.TemplateData;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The policy form as typed: every field a string, so that a wrong value comes back as it was typed,
 * with its message beside it. Lists are comma-separated.
 */
@TemplateData
public record PolicyForm(String name, String groups, String roles, String clients, boolean required, boolean totp,
        boolean webauthn, String graceDays, String effectiveFrom, String reuse, String variantReuse,
        String breached, String minLength, String binding) {

    public PolicyForm(String name, String groups, String roles, String clients, boolean required, boolean totp,
            boolean webauthn, String graceDays, String effectiveFrom, String reuse, String variantReuse,
            String breached, String minLength) {
        this(name, groups, roles, clients, required, totp, webauthn, graceDays, effectiveFrom, reuse, variantReuse,
                breached, minLength, "password");
    }

    /** What binding a new factor may take, strictest last. */
    public List<String> bindings() {
        return List.of("password", "factor", "pass");
    }

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final String NAME_RULE = "must be 1-64 characters of a-z, 0-9, dot, underscore or hyphen, starting with a"
            + " letter or digit";

    public List<String> listFields() {
        return List.of("groups", "roles", "clients");
    }

    public List<String> levelFields() {
        return List.of("reuse", "variantReuse", "breached");
    }

    public List<String> levels() {
        return List.of("off", "warn", "block");
    }

    /** A text or level field's value as typed, by input name. */
    public String text(String field) {
        return switch (field) {
            case "groups" -> groups;
            case "roles" -> roles;
            case "clients" -> clients;
            case "reuse" -> reuse;
            case "variantReuse" -> variantReuse;
            case "breached" -> breached;
            default -> "";
        };
    }

    public static PolicyForm blank() {
        return of(new NamedPolicy("", PolicyDocument.BASELINE));
    }

    public static PolicyForm of(NamedPolicy policy) {
        PolicyDocument d = policy.document();
        return new PolicyForm(policy.name(), String.join(", ", d.appliesTo().groups()),
                String.join(", ", d.appliesTo().roles()), String.join(", ", d.appliesTo().clients()),
                d.mfa().required(), d.mfa().methods().contains(Method.TOTP),
                d.mfa().methods().contains(Method.WEBAUTHN), String.valueOf(d.mfa().enrolmentGraceDays()),
                d.mfa().effectiveFrom() == null ? "" : d.mfa().effectiveFrom().toString(),
                level(d.passwords().reuse()), level(d.passwords().variantReuse()), level(d.passwords().breached()),
                String.valueOf(d.passwords().minLength()), d.mfa().binding().name().toLowerCase(Locale.ROOT));
    }

    /** The document, or the errors by field name (the form's input names). */
    public Parsed parse(Validator validator) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put("name", NAME_RULE);
        }
        List<Method> methods = new ArrayList<>();
        if (totp) {
            methods.add(Method.TOTP);
        }
        if (webauthn) {
            methods.add(Method.WEBAUTHN);
        }
        PolicyDocument document = new PolicyDocument(
                new PolicyDocument.AppliesTo(list(groups), list(roles), list(clients)),
                new PolicyDocument.Mfa(required, methods, integer("graceDays", graceDays, errors),
                        date(effectiveFrom, errors), binding(binding, errors)),
                new PolicyDocument.Passwords(level("reuse", reuse, errors), level("variantReuse", variantReuse, errors),
                        level("breached", breached, errors), integer("minLength", minLength, errors)));
        for (ConstraintViolation<PolicyDocument> v : validator.validate(document)) {
            errors.putIfAbsent(field(v.getPropertyPath().toString()), v.getMessage());
        }
        return new Parsed(errors.isEmpty() ? document : null, errors);
    }

    /** A parsed form: the document when valid, else the message for each wrong field. */
    public record Parsed(PolicyDocument document, Map<String, String> errors) {
    }

    /** Maps a validation path ("mfa.enrolmentGraceDays", "appliesTo.groups[2].<list element>") to an input. */
    static String field(String path) {
        if (path.startsWith("appliesTo.")) {
            String rest = path.substring("appliesTo.".length());
            int end = rest.indexOf('[');
            return end < 0 ? rest : rest.substring(0, end);
        }
        if (path.startsWith("mfa.methods")) {
            return "methods";
        }
        if (path.startsWith("mfa.enrolmentGraceDays")) {
            return "graceDays";
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Integer integer(String field, String value, Map<String, String> errors) {
        try {
            return Integer.valueOf(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "must be a whole number");
            return null;
        }
    }

    private static LocalDate date(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.put("effectiveFrom", "must be a date such as 2027-01-31");
            return null;
        }
    }

    /** What binding takes; a form without the field (posted by hand) keeps the lenient default. */
    private static Binding binding(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return Binding.PASSWORD;
        }
        for (Binding binding : Binding.values()) {
            if (binding.name().toLowerCase(Locale.ROOT).equals(value)) {
                return binding;
            }
        }
        errors.put("binding", "must be password, factor or pass");
        return null;
    }

    private static Level level(String field, String value, Map<String, String> errors) {
        for (Level level : Level.values()) {
            if (level(level).equals(value)) {
                return level;
            }
        }
        errors.put(field, "must be off, warn or block");
        return null;
    }

    private static String level(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
