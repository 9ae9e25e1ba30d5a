package com.keystone.crm.platform.cdcrelay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current state (and last error) of every connector the relay runs, in connector-file order. */
public final class HealthRegistry {

    /** An immutable copy for the health endpoint. */
    public record Snapshot(Map<String, ConnectorState> connectors, Map<String, String> errors) {

        /** UP when every connector is STREAMING (and there is at least one). */
        public boolean up() {
            return !connectors.isEmpty() && connectors.values().stream().allMatch(s -> s == ConnectorState.STREAMING);
        }
    }

    private final Map<String, ConnectorState> states = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    public HealthRegistry(List<String> connectorNames) {
        connectorNames.forEach(name -> states.put(name, ConnectorState.STARTING));
    }

    public synchronized void streaming(String connector) {
        states.put(connector, ConnectorState.STREAMING);
        errors.remove(connector);
    }

    public synchronized void retrying(String connector, String error) {
        states.put(connector, ConnectorState.RETRYING);
        errors.put(connector, error);
    }

    public synchronized void failed(String connector, String error) {
        states.put(connector, ConnectorState.FAILED);
        errors.put(connector, error);
    }

    public synchronized ConnectorState state(String connector) {
        return states.get(connector);
    }

    public synchronized Snapshot snapshot() {
        Map<String, String> orderedErrors = new LinkedHashMap<>();
        states.keySet().forEach(name -> {
            if (errors.containsKey(name)) {
                orderedErrors.put(name, errors.get(name));
            }
        });
        return new Snapshot(Collections.unmodifiableMap(new LinkedHashMap<>(states)), Collections.unmodifiableMap(orderedErrors));
    }
}
