package com.keystone.crm.platform.cdcrelay;

import java.util.List;

/**
 * {@code java -jar platform/cdc-relay/target/cdc-relay.jar}: loads the connector files, starts the relay and stops
 * it cleanly on SIGTERM / Ctrl-C. Exit code 2 for a configuration error (printed on stderr), 1 if it cannot start.
 * No logger is touched before {@code RELAY_LOG_LEVEL} has been applied.
 */
public final class CdcRelayMain {

    private CdcRelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EnvLookup env = EnvLookup.system();
        env.get("RELAY_LOG_LEVEL").ifPresent(level -> System.setProperty(
                "org.slf4j.simpleLogger.log." + CdcRelayMain.class.getPackageName(), level));

        RelaySettings settings;
        List<ConnectorDefinition> connectors;
        try {
            settings = RelaySettings.from(env);
            connectors = new ConnectorFileLoader(new PlaceholderResolver(env)).load(settings.connectDir(), settings.connectors());
        }
        catch (RelayConfigException e) {
            System.err.println("relay: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }

        CdcRelay relay;
        try {
            relay = CdcRelay.start(settings, connectors);
        }
        catch (Exception e) {
            System.err.println("relay: cannot start: " + ConnectorRunner.describe(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
        ParentWatch.exitWhenParentDies(env);
        relay.awaitClosed();
    }
}
