package dev.portcullis.policy.credentials;

import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who uses the same password, or a variant of one, on several services. Built from fingerprint
 * equality alone: the report never holds or returns a fingerprint, let alone a password.
 */
@ApplicationScoped
public class ReuseReport {

    /** A row f that shares a fingerprint with another service of the same subject. */
    private static final String REUSES = "(EXISTS (SELECT 1 FROM credential_fingerprint g WHERE g.subject = f.subject"
            + " AND g.exact_fp = f.exact_fp AND g.service <> f.service)"
            + " OR EXISTS (SELECT 1 FROM credential_fingerprint g WHERE g.subject = f.subject"
            + " AND g.root_fp = f.root_fp AND g.service <> f.service))";
    private static final String REUSING = "FROM credential_fingerprint f WHERE " + REUSES;

    private final Database database;

    @Inject
    public ReuseReport(Database database) {
        this.database = database;
    }

    public record Page(List<SubjectFindings> subjects, Totals totals, String next) {
    }

    public record SubjectFindings(String subject, List<Finding> findings) {
    }

    /** How many subjects reuse at all, and at each service. */
    public record Totals(long subjects, Map<String, Long> byService) {
    }

    /** Up to {@code limit} subjects after {@code after} (alphabetical), with the totals. */
    @Transactional
    public Page page(String after, int limit) {
        var session = database.session();
        List<String> subjects = session.createNativeQuery("SELECT DISTINCT f.subject FROM credential_fingerprint f"
                        + " WHERE f.subject > ?1 AND " + REUSES + " ORDER BY f.subject", String.class)
                .setParameter(1, after == null ? "" : after)
                .setMaxResults(limit + 1)
                .getResultList();
        String next = subjects.size() > limit ? subjects.get(limit - 1) : null;
        List<String> shown = subjects.subList(0, Math.min(limit, subjects.size()));
        List<SubjectFindings> findings = new ArrayList<>();
        if (!shown.isEmpty()) {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            session.createNativeQuery("SELECT subject, service, exact_fp, root_fp FROM credential_fingerprint"
                            + " WHERE subject IN (?1) ORDER BY subject, service", Object[].class)
                    .setParameterList(1, shown)
                    .getResultList()
                    .forEach(row -> rows.computeIfAbsent((String) row[0], s -> new ArrayList<>()).add(row));
            rows.forEach((subject, services) -> findings.add(new SubjectFindings(subject, findingsOf(services))));
        }
        return new Page(findings, totals(), next);
    }

    /** How many subjects reuse a password, in all and at each service. */
    @Transactional
    public Totals totals() {
        var session = database.session();
        long subjects = ((Number) session.createNativeQuery("SELECT COUNT(DISTINCT f.subject) " + REUSING,
                Object.class).getSingleResult()).longValue();
        Map<String, Long> byService = new TreeMap<>();
        session.createNativeQuery("SELECT f.service, COUNT(DISTINCT f.subject) " + REUSING + " GROUP BY f.service",
                        Object[].class)
                .getResultList()
                .forEach(row -> byService.put((String) row[0], ((Number) row[1]).longValue()));
        return new Totals(subjects, byService);
    }

    /** Rows of one subject: (subject, service, exact, root). Groups of 2+ services sharing a fingerprint. */
    static List<Finding> findingsOf(List<Object[]> rows) {
        Map<String, Set<String>> byExact = new TreeMap<>();
        Map<String, Set<String>> byRoot = new TreeMap<>();
        Map<String, Set<String>> exactsOfRoot = new TreeMap<>();
        for (Object[] row : rows) {
            String service = (String) row[1];
            byExact.computeIfAbsent((String) row[2], k -> new TreeSet<>()).add(service);
            if (row[3] != null) {
                byRoot.computeIfAbsent((String) row[3], k -> new TreeSet<>()).add(service);
                exactsOfRoot.computeIfAbsent((String) row[3], k -> new TreeSet<>()).add((String) row[2]);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byExact.values().stream().filter(s -> s.size() > 1)
                .forEach(s -> findings.add(Finding.sharedBy(Finding.Type.REUSED, List.copyOf(s))));
        byRoot.forEach((root, services) -> {
            if (services.size() > 1 && exactsOfRoot.get(root).size() > 1) {
                findings.add(Finding.sharedBy(Finding.Type.VARIANT_REUSED, List.copyOf(services)));
            }
        });
        return findings;
    }
}
