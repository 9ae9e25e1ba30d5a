package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/** Polling helpers: TCP ports and HTTP status codes. */
public final class Waits {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Duration POLL = Duration.ofMillis(250);

    private Waits() {
    }

    /** Thrown when a waited-for part died or the timeout passed. */
    public static final class NotReady extends Exception {
        public NotReady(String message) {
            super(message);
        }
    }

    public static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP status of a GET, or -1 if nothing answers. */
    public static int httpStatus(String url) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET, or "" if nothing answers. */
    public static String httpBody(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public static void awaitPort(String what, int port, Duration timeout, BooleanSupplier alive) throws NotReady {
        await(what + " port " + port, timeout, alive, () -> portOpen(port));
    }

    /** Waits until a GET answers with a status the predicate accepts; returns that status. */
    public static int awaitHttp(String what, String url, IntPredicate accept, Duration timeout, BooleanSupplier alive) throws NotReady {
        int[] last = {-1};
        await(what + " " + url, timeout, alive, () -> accept.test(last[0] = httpStatus(url)));
        return last[0];
    }

    /** Polls the condition until true; fails if {@code alive} turns false or the timeout passes. */
    public static void await(String what, Duration timeout, BooleanSupplier alive, BooleanSupplier condition) throws NotReady {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!alive.getAsBoolean()) {
                throw new NotReady(what + ": the process exited");
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NotReady(what + ": not ready after " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
