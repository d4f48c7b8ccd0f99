package dev.portcullis.policy.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The people with the earliest deadlines, at most {@code limit} of them, and how many there are in
 * all: a list the dashboard shows without holding everyone it counts. Equal deadlines keep the order
 * in which the people came (by name).
 */
final class Shortlist {

    private record Entry(Compliance.Due due, long order) {
    }

    private static final Comparator<Entry> EARLIEST = Comparator.comparing((Entry e) -> e.due().enrolBy())
            .thenComparingLong(Entry::order);

    private final int limit;
    private final PriorityQueue<Entry> latestFirst;
    private long total;

    Shortlist(int limit) {
        this.limit = limit;
        this.latestFirst = new PriorityQueue<>(EARLIEST.reversed());
    }

    void add(Compliance.Due due) {
        Entry entry = new Entry(due, total++);
        if (latestFirst.size() < limit) {
            latestFirst.add(entry);
        } else if (limit > 0 && EARLIEST.compare(entry, latestFirst.peek()) < 0) {
            latestFirst.poll();
            latestFirst.add(entry);
        }
    }

    /** The kept people, earliest deadline first. */
    List<Compliance.Due> shown() {
        List<Entry> entries = new ArrayList<>(latestFirst);
        entries.sort(EARLIEST);
        return entries.stream().map(Entry::due).toList();
    }

    long total() {
        return total;
    }
}
