package com.keystone.crm.tools.fakes.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** The fakes' background threads (webhook senders, delay schedulers): daemons, so a test JVM never waits on them. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A fixed pool whose threads are named {@code prefix-1}, {@code prefix-2}, ... */
    public static ExecutorService pool(int threads, String prefix) {
        AtomicInteger threadNo = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> daemon(r, prefix + "-" + threadNo.incrementAndGet()));
    }

    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
