package com.keystone.crm.platform.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings and errors only from the in-JVM broker, zonky PostgreSQL, s3proxy and the AWS SDK while the kit's own
 * tests run. Without a Quarkus boot nothing reads application.properties; Quarkus' log configurator on the classpath
 * replaces JBoss LogManager's logging.properties and resets the root level to INFO after the launcher session opens
 * (during test discovery), so the levels are (re)applied when the test plan and each test class start.
 * Registered in META-INF/services for both listener interfaces.
 */
public class QuietLogging implements LauncherSessionListener, TestExecutionListener {
    /** Strong references: a JUL logger that is collected forgets its level. */
    private static final List<Logger> LOGGERS = new ArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        quiet();
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        quiet();
    }

    @Override
    public void executionStarted(TestIdentifier testIdentifier) {
        if (testIdentifier.isContainer()) {
            quiet();
        }
    }

    static synchronized void quiet() {
        LOGGERS.clear();
        level("", Level.WARNING);
        // "recoverable issue ... UNKNOWN_TOPIC_OR_PARTITION" while a topic is auto-created on first use
        level("org.apache.kafka.clients.NetworkClient", Level.SEVERE);
        // "Performing controller activation. The metadata log appears to be empty" on every fresh broker
        level("org.apache.kafka.controller.QuorumController", Level.SEVERE);
    }

    private static void level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        LOGGERS.add(logger);
    }
}
