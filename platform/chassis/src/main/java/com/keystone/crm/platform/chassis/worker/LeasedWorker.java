package com.keystone.crm.platform.chassis.worker;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A background worker whose work lives in the database: each slot (one thread, usually one slot per instance)
 * claims an item with a lease (see {@link LeaseTable}), runs it, and goes on until nothing is claimable; then it
 * sleeps until the next poll or a {@link #wake()}. Any replica may run any item, one at a time; a crashed replica's
 * items become claimable again when their leases run out. On shutdown each slot finishes its item or, past the
 * grace period, is interrupted; either way an item still held is released so another instance takes it at once.
 * <p>
 * A service's worker is an {@code @ApplicationScoped} subclass giving only its domain: {@link #settings()},
 * {@link #claimNext(String)} (what to claim) and {@link #process} (what to do). It starts with the application
 * and stops with it.
 * <p>
 * Fencing is per claim: every claim gets its own lease owner name ({@link LeaseOwners#claim}), handed to
 * {@link #claimNext}, to {@link #process} as {@link WorkerLease#owner()} and to {@link #release}. Every write of an
 * item's work must name that owner ({@code ... AND lease_owner = ?}): once the lease ran out and anyone took the item
 * over (another replica, or another slot of this very instance) the stale claim's writes change nothing. There is
 * deliberately no instance-wide owner to write with.
 *
 * @param <T> the claimed item
 */
public abstract class LeasedWorker<T> {
    private final Logger log = Logger.getLogger(getClass());
    private final String name;
    /** this worker's name among lease owners; each claim's owner is this plus a claim number */
    private final String instanceOwner;
    private final AtomicLong claims = new AtomicLong();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile List<ScheduledExecutorService> slots = List.of();

    /** For CDI's client proxies of a subclass only (they delegate every call to the real worker). */
    protected LeasedWorker() {
        this.name = getClass().getSimpleName();
        this.instanceOwner = null;
    }

    /** @param name the worker's role, in its thread names and its lease owner names */
    protected LeasedWorker(String name) {
        this.name = name;
        this.instanceOwner = LeaseOwners.of(name);
    }

    /** How this worker runs here; read once, at start. */
    protected abstract WorkerSettings settings();

    /**
     * Claims the next item (in a reactive transaction the worker opens) for {@code owner}, this claim's own owner
     * name, or answers null when nothing is claimable. Usually a {@link LeaseTable#claimNext} plus whatever the item
     * needs read with it.
     */
    protected abstract Uni<T> claimNext(String owner);

    /**
     * Runs one claimed item on the worker's own thread: blocking is fine here (await reactive steps with
     * {@link #await}). Every write guarded by the lease names {@code lease.owner()}, the owner of this claim.
     * A failure is logged and the item's lease left to run out, so it is retried later.
     */
    protected abstract void process(T item, WorkerLease lease);

    /**
     * Hands an item back (runs in a reactive transaction) when the worker stops with it in hand; it must change
     * nothing when the item was finished or taken over meanwhile (a {@link LeaseTable#release}). By default the
     * item is left until its lease runs out.
     */
    protected Uni<?> release(T item, String owner) {
        return Uni.createFrom().voidItem();
    }

    /** Whether slot {@code slot} may claim now (to run fewer slots while the instance is busy elsewhere). */
    protected boolean mayClaim(int slot) {
        return true;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the slots (once); nothing when the settings disable the worker on this instance. */
    public synchronized void start() {
        if (!slots.isEmpty() || stopping) {
            return;
        }
        WorkerSettings settings = settings();
        if (!settings.enabled()) {
            log.infof("%s worker disabled on this instance", name);
            return;
        }
        long every = settings.pollInterval().toMillis();
        List<ScheduledExecutorService> started = new ArrayList<>(settings.slots());
        for (int i = 0; i < settings.slots(); i++) {
            int slot = i;
            String threadName = settings.slots() == 1 ? name + "-worker" : name + "-worker-" + i;
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(() -> drain(slot), every, every, TimeUnit.MILLISECONDS);
            started.add(thread);
        }
        slots = List.copyOf(started);
    }

    /**
     * Stops claiming, lets each slot finish its item for up to the stop grace, then interrupts what still runs.
     * Items still held are released.
     */
    public void stop() {
        stopping = true;
        List<ScheduledExecutorService> running = slots;
        if (running.isEmpty()) {
            return;
        }
        running.forEach(ScheduledExecutorService::shutdown);
        long deadline = System.nanoTime() + settings().stopGrace().toNanos();
        try {
            for (ScheduledExecutorService thread : running) {
                long left = deadline - System.nanoTime();
                if (!thread.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    thread.shutdownNow();
                    if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                        log.warnf("%s worker did not stop; its item resumes when the lease runs out", name);
                    }
                }
            }
        } catch (InterruptedException e) {
            running.forEach(ScheduledExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for work now instead of at the next poll (work was just committed on this instance). */
    public void wake() {
        List<ScheduledExecutorService> running = slots;
        if (running.isEmpty() || stopping || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            running.get(0).execute(() -> {
                wakeQueued.set(false);
                drain(0);
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false); // shutting down
        }
    }

    /**
     * The part every lease owner name of this worker's claims starts with (then "/" and a claim number, see
     * {@link LeaseOwners#isClaimOf}): to tell this worker's claims apart in logs and tests, never to write with.
     */
    public String instanceOwner() {
        return instanceOwner;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Claims and runs items on the calling thread until none is claimable (or the slot is told to pause). */
    protected void drain(int slot) {
        try {
            while (!stopping && mayClaim(slot)) {
                // a fresh owner name per claim: fencing must hold between two slots of this instance too
                String owner = LeaseOwners.claim(instanceOwner, claims.incrementAndGet());
                T item = await(() -> Panache.withTransaction(() -> claimNext(owner)));
                if (item == null) {
                    return;
                }
                try {
                    process(item, new WorkerLease(owner, () -> stopping));
                } finally {
                    if (stopping) {
                        releaseHeld(item, owner);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (stopping) {
                log.debugf(e, "%s worker: stopped in the middle of an item", name);
            } else {
                // the database is unreachable or an item broke unexpectedly: its lease runs out and it is retried
                log.errorf(e, "%s worker: an attempt failed; it will be retried", name);
            }
        }
    }

    private void releaseHeld(T item, String owner) {
        boolean interrupted = Thread.interrupted(); // an interrupted thread cannot wait for the release
        try {
            await(() -> Panache.withTransaction(() -> release(item, owner).replaceWithVoid()));
        } catch (RuntimeException e) {
            log.warnf("%s worker: could not release an item on stop (%s); its lease runs out instead", name, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs reactive work on a Vert.x context and waits for it; only for a worker's own (blocking) thread. */
    public static <R> R await(Supplier<Uni<R>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
