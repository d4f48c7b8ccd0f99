package dev.portcullis.policy.console;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting the console's templates use: {@code {subject.path}}, {@code {event.time.utc}}. */
@TemplateExtension
public final class ConsoleExtensions {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleExtensions() {
    }

    /** A value made safe as one segment of a URL path or as a query value. */
    static String path(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An enum constant as the API spells it: {@code block}, {@code totp}. */
    static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Methods as the API spells them, comma-separated: {@code totp, webauthn}. */
    static String methodList(java.util.List<? extends Enum<?>> methods) {
        return methods.stream().map(ConsoleExtensions::lower).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Width of a bar: {@code value} as a whole percentage of {@code of}. */
    static long percentOf(Long value, long of) {
        return value == null || of <= 0 ? 0 : Math.min(100, value * 100 / of);
    }

    static String utc(Instant instant) {
        return instant == null ? "-" : UTC.format(instant);
    }
}
