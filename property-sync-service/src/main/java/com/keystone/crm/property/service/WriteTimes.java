package com.keystone.crm.property.service;

import io.smallrye.mutiny.Uni;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Time spent in each statement group of a run's batch transactions (summed over batches), for the run's log. */
public final class WriteTimes {
    private final Map<String, Long> nanos = new TreeMap<>();

    /** Times {@code step} from its subscription to its item or failure. */
    <T> Uni<T> time(String name, Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return step.get().onItemOrFailure().invoke(() -> add(name, System.nanoTime() - start));
        });
    }

    private synchronized void add(String name, long n) {
        nanos.merge(name, n, Long::sum);
    }

    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        nanos.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", k, v / 1e9)));
        return out.toString();
    }
}
