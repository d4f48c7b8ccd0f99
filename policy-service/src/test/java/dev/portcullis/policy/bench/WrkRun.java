package dev.portcullis.policy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Login decisions measured by wrk (Debian package wrk), when it is installed: a load generator in C
 * takes far less of the shared cores than a Java client, so its figure is closer to the service's.
 */
final class WrkRun {

    private WrkRun() {
    }

    /** wrk's summary lines, or null when wrk is not installed. */
    static String decisions(String baseUrl, String key, int subjects, Duration duration, Path work)
            throws IOException, InterruptedException {
        if (!onPath("wrk")) {
            return null;
        }
        Path script = Files.createFile(work.resolve("decisions.lua"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(script, String.join("\n",
                "counter = 0",
                "request = function()",
                "  counter = counter + 1",
                "  local body = '{\"subject\":\"user' .. (counter % " + subjects + ") .. '\",\"groups\":[\"/engineering\"],"
                        + "\"roles\":[\"staff\"],\"client\":\"account-console\",\"enrolledMethods\":[]}'",
                "  return wrk.format(\"POST\", \"/api/v1/decisions/login\", {[\"Content-Type\"]=\"application/json\","
                        + " [\"Authorization\"]=\"Bearer " + key + "\"}, body)",
                "end", ""));
        try {
            run(List.of("wrk", "-t2", "-c16", "-d10s", "-s", script.toString(), baseUrl)); // warm-up
            String out = run(List.of("wrk", "-t2", "-c16", "-d" + duration.toSeconds() + "s", "--latency", "-s",
                    script.toString(), baseUrl));
            return out.lines().filter(l -> l.contains("Requests/sec") || l.matches("\\s+(50|99)%.*")
                    || l.contains("Non-2xx") || l.contains("requests in")).map(l -> "  " + l.strip())
                    .collect(Collectors.joining("\n"));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
