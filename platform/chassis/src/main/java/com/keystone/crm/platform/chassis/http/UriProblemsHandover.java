package com.keystone.crm.platform.chassis.http;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Hands the check of the request URI from Quarkus to the chassis, so that a malformed URI gets a problem body.
 * Quarkus's outermost request handler ({@code VertxHttpRecorder}) parses every URI with {@code new URI(..)} and answers
 * a failure with a bare {@code 400} and no body, before any route of ours runs; it has no hook and no Quarkus setting,
 * only the JVM system property {@value #PROPERTY}, read once when that handler is created (static init, before any
 * CDI bean exists). This customizer is the earliest code a library gets to run in every launch (tests, the packaged
 * jar, images): SmallRye Config applies it while building the configuration, before the HTTP layer is set up.
 * {@link HttpLayerProblems} makes the same check as the first route of the router ({@link UriCheck}) and answers with
 * problem+json, so no malformed URI reaches a resource either way.
 */
public class UriProblemsHandover implements SmallRyeConfigBuilderCustomizer {
    public static final String PROPERTY = "vertx.disableURIValidation";

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        System.setProperty(PROPERTY, "true");
    }
}
