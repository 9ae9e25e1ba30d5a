package com.keystone.crm.platform.cdcrelay;

/** What {@code GET /health} reports per connector. */
public enum ConnectorState {
    /** First attempt to start the engine is under way. */
    STARTING,
    /**
     * The connector's task has started (snapshot if needed, then streaming run inside it); after an engine stopped
     * because Kafka did not take a batch, only once Kafka acknowledged the next one.
     */
    STREAMING,
    /** The engine failed or could not start yet (database, publication or Kafka not ready); it is restarted with backoff. */
    RETRYING,
    /** The connector file cannot work (e.g. an unknown class or invalid SMT settings); not retried. */
    FAILED
}
