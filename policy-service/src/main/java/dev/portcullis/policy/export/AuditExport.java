package dev.portcullis.policy.export;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.persistence.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the audit log in id order, a page at a time, each page its own short read: memory stays
 * constant whatever the size of the log, and no long transaction holds the database.
 */
@ApplicationScoped
public class AuditExport {

    static final int PAGE = 5000;

    private final Database database;
    private final AuditChainer chainer;

    @Inject
    public AuditExport(Database database, AuditChainer chainer) {
        this.database = database;
        this.chainer = chainer;
    }

    /** Writes every matching event; returns how many. */
    public long write(ExportFilter filter, ExportFormat format, OutputStream target) throws IOException {
        chainer.chainAll();
        Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
        format.header(out);
        long written = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<ExportRow> page = QuarkusTransaction.requiringNew().call(() -> page(filter, from, PAGE));
            for (ExportRow row : page) {
                format.write(row, out);
            }
            written += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
            out.flush();
        }
        out.flush();
        return written;
    }

    /** Up to {@code limit} events after id {@code after}, in id order. Call within a transaction. */
    public List<ExportRow> page(ExportFilter filter, long after, int limit) {
        return rows(filter, "id > ?", after, "id", limit);
    }

    /**
     * Up to {@code limit} events before id {@code before}, newest first, after chaining what is
     * waiting: the console's audit viewer.
     */
    public List<ExportRow> newest(ExportFilter filter, long before, int limit) {
        chainer.chainAll();
        return QuarkusTransaction.requiringNew().call(() -> rows(filter, "id < ?", before, "id DESC", limit));
    }

    private List<ExportRow> rows(ExportFilter filter, String idCondition, long bound, String order, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, recorded_at, actor, event_type, subject,"
                + " outcome, ip, details, hash, prev_hash FROM audit_event WHERE " + idCondition);
        List<Object> params = new ArrayList<>();
        params.add(bound);
        String time = filter.recordingTime() ? "recorded_at" : "occurred_at";
        if (filter.from() != null) {
            sql.append(" AND ").append(time).append(" >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(time).append(" <= ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.subject() != null) {
            sql.append(" AND subject = ?");
            params.add(filter.subject());
        }
        if (filter.type() != null) {
            sql.append(" AND event_type = ?");
            params.add(filter.type());
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = ?");
            params.add(filter.outcome());
        }
        sql.append(" ORDER BY ").append(order).append(" FETCH FIRST ").append(limit).append(" ROWS ONLY");
        List<ExportRow> rows = new ArrayList<>(Math.min(limit, PAGE));
        database.session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                statement.setFetchSize(Math.min(limit, PAGE));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ExportRow(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11)));
                    }
                }
            }
        });
        return rows;
    }
}
