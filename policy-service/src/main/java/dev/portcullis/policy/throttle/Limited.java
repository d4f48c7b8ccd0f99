package dev.portcullis.policy.throttle;

/** Requests limited per service alone: they help no guesser, but unbounded they would exhaust a replica. */
public enum Limited {
    /** {@code POST /api/v1/decisions/login}. */
    DECISIONS("decisions"),
    /** {@code POST /api/v1/events}, per request. */
    EVENT_BATCHES("event-batches"),
    /** {@code POST /api/v1/events}, in bytes a day. */
    EVENT_BYTES("event-bytes");

    private final String id;

    Limited(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
