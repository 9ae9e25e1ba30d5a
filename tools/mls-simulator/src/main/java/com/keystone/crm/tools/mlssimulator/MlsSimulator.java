package com.keystone.crm.tools.mlssimulator;

import com.keystone.crm.tools.mlssimulator.reso.OAuthTokenEndpoint;
import com.keystone.crm.tools.mlssimulator.reso.ResoEndpoint;
import com.keystone.crm.tools.mlssimulator.reso.TokenStore;
import com.keystone.crm.tools.mlssimulator.rets.RetsEndpoint;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake MLS on one port: RETS 1.7.2 under /rets, the RESO Web API under /reso/odata, an OAuth2 token endpoint
 * and the photos under /media. Start it with {@link #start(SimulatorOptions)}; {@link #close()} stops it.
 */
public final class MlsSimulator implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle and delayed ACKs add
        // ~40 ms to many responses. Read once when the server classes load; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorOptions options;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService mutator;
    private final String baseUrl;
    private final SimulatedFeed feed;
    private final FaultPlan faults;
    private final RequestStats stats = new RequestStats();
    private final RetsEndpoint rets;

    private MlsSimulator(SimulatorOptions options) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        this.baseUrl = "http://" + options.host() + ":" + server.getAddress().getPort();
        this.feed = new SimulatedFeed(options, baseUrl);
        this.faults = new FaultPlan(options.seed());
        AtomicInteger threadNo = new AtomicInteger();
        // bounded: a client that floods the simulator is slowed down (caller runs), it cannot exhaust memory
        this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "mls-sim-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        TokenStore tokens = new TokenStore(Clock.systemUTC());
        this.rets = new RetsEndpoint(feed, faults, options, baseUrl);
        Router router = new Router(faults, stats)
                .route("/rets/", RetsEndpoint::endpointName, rets, false)
                .route("/reso/odata", ResoEndpoint::endpointName,
                        new ResoEndpoint(feed, faults, tokens, resoServiceRoot(), options.resoTopCap(),
                                options.serverZoneOffset()), true)
                .route("/oauth2/token", p -> "oauth2/token",
                        new OAuthTokenEndpoint(tokens, options.oauthClientId(), options.oauthClientSecret(),
                                options.tokenTtl()), true)
                .route("/media/", p -> "media", new MediaEndpoint(feed), false);
        server.createContext("/", router);
        server.setExecutor(executor);
        this.mutator = options.autoMutateEvery() == null ? null : startAutoMutation();
    }

    public static MlsSimulator start(SimulatorOptions options) {
        try {
            MlsSimulator sim = new MlsSimulator(options);
            sim.server.start();
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the MLS simulator on port " + options.port(), e);
        }
    }

    private ScheduledExecutorService startAutoMutation() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mls-sim-mutator");
            t.setDaemon(true);
            return t;
        });
        long period = options.autoMutateEvery().toMillis();
        scheduler.scheduleAtFixedRate(new FeedActivity(feed), period, period, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    public SimulatorOptions options() { return options; }
    public int port() { return server.getAddress().getPort(); }
    /** http://host:port */
    public String baseUrl() { return baseUrl; }
    /** The RETS Login URL; the login body lists the other capability URLs. */
    public String retsLoginUrl() { return baseUrl + "/rets/login"; }
    /** The OData service root: $metadata, Property, Media under it. */
    public String resoServiceRoot() { return baseUrl + "/reso/odata"; }
    public String oauthTokenUrl() { return baseUrl + "/oauth2/token"; }
    public SimulatedFeed feed() { return feed; }
    public FaultPlan faults() { return faults; }
    public RequestStats stats() { return stats; }

    /**
     * RETS: a new metadata revision (MetadataVersion 1.00.001, 1.00.002...; MetadataTimestamp and
     * MinMetadataTimestamp = the feed clock), announced by the next Login; returns the new timestamp.
     */
    public Instant bumpRetsMetadata() { return rets.bumpMetadata(); }

    @Override
    public void close() {
        if (mutator != null) {
            mutator.shutdownNow();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
