package dev.portcullis.policy.cli;

import dev.portcullis.policy.breached.CorpusImporter;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command: a bar redrawn in place on a terminal, or a line every 10% when the
 * output goes to a file or a pipe.
 */
final class ConsoleProgress implements CorpusImporter.Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private String phase;
    private long total;
    private long phaseStarted;
    private long lastDrawn;
    private int lastTenth;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phase(String name, long total) {
        if (phase != null) {
            finish();
        }
        this.phase = name;
        this.total = Math.max(1, total);
        this.phaseStarted = System.nanoTime();
        this.lastDrawn = 0;
        this.lastTenth = -1;
        advance(0);
    }

    @Override
    public void advance(long done) {
        long now = System.nanoTime();
        int percent = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            if (now - lastDrawn >= REDRAW_NANOS || percent == 100) {
                lastDrawn = now;
                int filled = percent * WIDTH / 100;
                out.printf(Locale.ROOT, "\r%-14s [%s%s] %3d%%  %5.1f s", phase, "#".repeat(filled),
                        " ".repeat(WIDTH - filled), percent, (now - phaseStarted) / 1e9);
                out.flush();
            }
        } else if (percent / 10 > lastTenth) {
            lastTenth = percent / 10;
            out.printf(Locale.ROOT, "%s %3d%%  %.1f s%n", phase, percent, (now - phaseStarted) / 1e9);
        }
    }

    /** Ends the last phase's line. */
    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
