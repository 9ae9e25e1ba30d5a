package com.keystone.crm.tools.fakes.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HttpServer on host:port (0 = an ephemeral port) with a bounded pool of daemon request threads. */
public final class FakeHttpServer implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle and delayed ACKs add
        // ~40 ms to many responses. Read once when the server classes load; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String host;

    public FakeHttpServer(String name, String host, int port, HttpHandler handler) {
        this.host = host;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " fake on " + host + ":" + port, e);
        }
        AtomicInteger threadNo = new AtomicInteger();
        // hanging requests (FailureMode.HANG) hold a thread each, so the pool grows on demand up to a bound;
        // past it the caller (the server's dispatcher) runs the request, slowing a flood down instead of failing
        this.executor = new ThreadPoolExecutor(4, 200, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-fake-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://host:port */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
