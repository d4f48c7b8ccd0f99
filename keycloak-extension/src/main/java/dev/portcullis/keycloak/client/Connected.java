package dev.portcullis.keycloak.client;

import java.util.List;
import java.util.Map;

/** A configured connection: one client, one event forwarder, for the node's lifetime. */
final class Connected implements PolicyServiceConnection {

    static final int EVENT_CAPACITY = 10_000;

    private final PolicyServiceClient client;
    private final EventForwarder forwarder;

    Connected(PolicyServiceSettings settings) {
        this.client = new PolicyServiceClient(settings);
        this.forwarder = new EventForwarder(client::sendEvents, EVENT_CAPACITY);
    }

    @Override
    public PolicyServiceClient client() {
        return client;
    }

    @Override
    public void forward(List<Map<String, Object>> events) {
        forwarder.offer(events);
    }

    @Override
    public FailureMode passwordFailureMode() {
        return client.settings().passwordFailureMode();
    }

    @Override
    public boolean configured() {
        return true;
    }

    EventForwarder forwarder() {
        return forwarder;
    }

    /** At the node's shutdown: delivers what is queued, within the forwarder's bound. */
    void shutDown() {
        forwarder.close();
    }
}
