package dev.portcullis.policy.syslog;

import java.util.Locale;
import java.util.Optional;

/** Whether the audit log goes to the collector over TLS: as configured, else unless the collector is loopback. */
final class SyslogTls {

    private SyslogTls() {
    }

    static boolean use(Optional<Boolean> configured, String host) {
        return configured.orElseGet(() -> !loopback(host));
    }

    /** By name or literal address only: nothing is resolved, so DNS cannot turn TLS off. */
    static boolean loopback(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
