package dev.portcullis.e2e.support;

/** Stopping what a test class started. */
public final class Processes {

    private Processes() {
    }

    /**
     * Closes each process that was started (nulls are ones that never got going), in order, and
     * closes the rest even when one fails; the first failure is thrown at the end.
     */
    public static void stopAll(AutoCloseable... processes) throws Exception {
        Exception first = null;
        for (AutoCloseable process : processes) {
            try {
                if (process != null) {
                    process.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
