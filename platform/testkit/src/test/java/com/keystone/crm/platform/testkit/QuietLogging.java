package com.keystone.crm.platform.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings and errors only from the in-JVM broker, zonky PostgreSQL, s3proxy and the AWS SDK while the kit's own
 * tests run. Without a Quarkus boot nothing reads application.properties, and Quarkus' log configurator on the
 * classpath replaces JBoss LogManager's logging.properties, so the levels are set here, before any test class
 * (registered in META-INF/services/org.junit.platform.launcher.LauncherSessionListener).
 */
public class QuietLogging implements LauncherSessionListener {
    /** Strong references: a JUL logger that is collected forgets its level. */
    private static List<Logger> configured;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        quiet();
    }

    static synchronized void quiet() {
        if (configured != null) {
            return;
        }
        configured = List.of(
                level("", Level.WARNING),
                // "recoverable issue ... UNKNOWN_TOPIC_OR_PARTITION" while a topic is auto-created on first use
                level("org.apache.kafka.clients.NetworkClient", Level.SEVERE),
                // "Performing controller activation. The metadata log appears to be empty" on every fresh broker
                level("org.apache.kafka.controller.QuorumController", Level.SEVERE));
    }

    private static Logger level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}
