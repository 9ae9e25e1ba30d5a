package com.keystone.crm.tools.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo MLS of the local stack: the simulator's feed and credentials, and the two providers (one RESO Web API, one
 * RETS) the demo tenant gets in property-sync-service. The secrets reach property-sync-service only as
 * {@code CRM_MLS_CREDENTIALS_<REF>_*} environment variables, named by the providers' credentials references.
 */
public final class DemoMls {
    public static final int LISTINGS = 300;
    public static final int PHOTOS_PER_LISTING = 3;
    public static final long SEED = 42L;
    /** The simulator changes its feed on its own at this period, so later syncs find new, changed and gone listings. */
    public static final String MUTATE_EVERY = "60s";

    public static final String RETS_USER = "demo-rets-user";
    public static final String RETS_PASSWORD = "demo-rets-pass";
    public static final String RESO_CLIENT_ID = "demo-reso-client";
    public static final String RESO_CLIENT_SECRET = "demo-reso-secret";
    public static final String RETS_CREDENTIALS_REF = "demo-rets";
    public static final String RESO_CREDENTIALS_REF = "demo-reso";

    public static final String RESO_PROVIDER_NAME = "Demo MLS (RESO Web API)";
    public static final String RETS_PROVIDER_NAME = "Demo MLS (RETS)";

    private DemoMls() {
    }

    public static String baseUrl(int port) {
        return "http://localhost:" + port;
    }

    public static String retsLoginUrl(int port) {
        return baseUrl(port) + "/rets/login";
    }

    public static String resoServiceRoot(int port) {
        return baseUrl(port) + "/reso/odata";
    }

    public static String oauthTokenUrl(int port) {
        return baseUrl(port) + "/oauth2/token";
    }

    /** The simulator's flags: a modest feed that changes over time, with the demo credentials. */
    public static List<String> simulatorArguments(int port) {
        return List.of("--port", Integer.toString(port), "--listings", Integer.toString(LISTINGS),
                "--photos", Integer.toString(PHOTOS_PER_LISTING), "--seed", Long.toString(SEED),
                "--mutate-every", MUTATE_EVERY,
                "--rets-user", RETS_USER, "--rets-password", RETS_PASSWORD,
                "--client-id", RESO_CLIENT_ID, "--client-secret", RESO_CLIENT_SECRET);
    }

    /** property-sync-service's {@code crm.mls.credentials.<ref>.username/password} as environment variables. */
    public static Map<String, String> credentialsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(credentialsVariable(RETS_CREDENTIALS_REF, "username"), RETS_USER);
        env.put(credentialsVariable(RETS_CREDENTIALS_REF, "password"), RETS_PASSWORD);
        env.put(credentialsVariable(RESO_CREDENTIALS_REF, "username"), RESO_CLIENT_ID);
        env.put(credentialsVariable(RESO_CREDENTIALS_REF, "password"), RESO_CLIENT_SECRET);
        return env;
    }

    /** MicroProfile Config's environment-variable form of {@code crm.mls.credentials.<ref>.<name>}. */
    static String credentialsVariable(String ref, String name) {
        return ("crm.mls.credentials." + ref + "." + name).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The provider bodies for {@code POST /api/v1/mls/providers}, RESO first. */
    public static List<Map<String, Object>> providers(int port) {
        Map<String, Object> reso = new LinkedHashMap<>();
        reso.put("name", RESO_PROVIDER_NAME);
        reso.put("protocol", "reso-web-api");
        reso.put("url", resoServiceRoot(port));
        reso.put("tokenUrl", oauthTokenUrl(port));
        reso.put("credentialsRef", RESO_CREDENTIALS_REF);
        reso.put("pageSize", 200);
        reso.put("requestsPerSecond", 20);
        reso.put("cron", "0 0/5 * * * ?");
        Map<String, Object> rets = new LinkedHashMap<>();
        rets.put("name", RETS_PROVIDER_NAME);
        rets.put("protocol", "rets");
        rets.put("url", retsLoginUrl(port));
        rets.put("credentialsRef", RETS_CREDENTIALS_REF);
        rets.put("searchClasses", "RES,LND");
        rets.put("format", "COMPACT");
        rets.put("serverZone", "-05:00");
        rets.put("pageSize", 500);
        rets.put("requestsPerSecond", 20);
        rets.put("cron", "0 0/5 * * * ?");
        return List.of(reso, rets);
    }
}
