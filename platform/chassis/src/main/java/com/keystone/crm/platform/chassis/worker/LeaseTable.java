package com.keystone.crm.platform.chassis.worker;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.platform.chassis.persistence.TextParameter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The lease statements of one work table: claim the next ready row with {@code FOR UPDATE SKIP LOCKED} (two workers
 * polling at once take different rows instead of queueing on one), stamp it with the owner and a lease end, renew
 * and release it. A row whose lease ran out (its worker crashed or hung) is claimable again by any instance.
 * <p>
 * The table needs two columns, {@code lease_owner varchar} and {@code lease_expires_at timestamptz}. Lease times
 * use the database clock, the one clock every instance shares. Each method runs in the caller's current reactive
 * session (wrap a claim in {@code Panache.withTransaction}: the row lock must last until the lease is written).
 * The service keeps its domain: which rows are ready, in which order, what else a claim or release sets.
 * Keys travel as text and are cast in SQL (the reactive client refuses a Java type that differs from the
 * parameter type it infers).
 * <p>
 * Batches: {@link #claimNext(String, Duration, int)} claims up to N ready rows with one lock and one lease statement,
 * {@link #claimAll} leases rows the service locked itself (its own readiness query), {@link #holdsAll} is the fence
 * of a batch (the keys still held, locked) and {@link #releaseAll} hands a batch back in one statement. A batch has
 * one owner (one claim); every row of it is fenced on its own: a row taken over meanwhile drops out of
 * {@code holdsAll} and {@code releaseAll} leaves it alone. Keys of a batch travel as one JSON array of text.
 */
public final class LeaseTable {
    static final String FREE = "(lease_owner IS NULL OR lease_expires_at < now())";

    private final String table;
    private final String keyColumn;
    private final String keyType;
    private final String ready;
    private final String order;
    private final String columns;
    private final String onClaim;
    private final String onRelease;
    private final String heldOnlyIf;

    private LeaseTable(Builder b) {
        this.table = b.table;
        this.keyColumn = b.keyColumn;
        this.keyType = b.keyType;
        this.ready = b.ready;
        this.order = b.order;
        this.columns = b.columns;
        this.onClaim = b.onClaim;
        this.onRelease = b.onRelease;
        this.heldOnlyIf = b.heldOnlyIf;
    }

    /** Starts the description of a work table whose key column is {@code keyColumn} of SQL type {@code keyType}. */
    public static Builder on(String table, String keyColumn, String keyType) {
        return new Builder(table, keyColumn, keyType);
    }

    /**
     * Claims the first ready row whose lease is free; null when there is none. Its first two columns are the key
     * and the previous owner (not null when the row is taken over from a worker whose lease ran out), then the
     * extra {@link Builder#columns columns}.
     */
    public Uni<Claimed> claimNext(String owner, Duration lease) {
        return rows(nextSql()).chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem() : lease(rows.get(0), owner, lease));
    }

    /**
     * Claims up to {@code limit} ready rows whose lease is free, first in order, for one owner: one locking select
     * ({@code FOR UPDATE SKIP LOCKED}, so concurrent claimers take different rows) and one lease update for all of
     * them. Empty when there is none; the rows in claim order, each as {@link #claimNext(String, Duration)} answers it.
     * {@code readyParams} are bound to the {@link Builder#ready ready} condition's {@link #param parameters} in order,
     * as text: a value that changes every poll (a due time) keeps one statement text, so PostgreSQL reuses its plan.
     */
    public Uni<List<Claimed>> claimNext(String owner, Duration lease, int limit, Object... readyParams) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Object[] texts = Arrays.stream(readyParams).map(p -> p == null ? null : p.toString()).toArray();
        return rows(nextSql(limit), texts).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(List.<Claimed>of());
            }
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                claimed.add(new Claimed(row[0].toString(), row[1] == null ? null : row[1].toString(),
                        Arrays.copyOfRange(row, 2, row.length)));
            }
            return claimAll(claimed.stream().map(Claimed::key).toList(), owner, lease).map(n -> claimed);
        });
    }

    /**
     * Leases these rows to {@code owner} in one statement: rows the caller has just selected {@code FOR UPDATE SKIP
     * LOCKED} in this transaction with its own readiness query (one the builder's condition cannot express). A row
     * whose lease is not free is left alone; answers how many were leased.
     */
    public Uni<Integer> claimAll(Collection<String> keys, String owner, Duration lease) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return execute(claimAllSql(), JsonParameter.of(keys), owner, seconds(lease));
    }

    /**
     * The fence of a batch: which of these rows {@code owner} still holds, each locked until the transaction ends
     * (in key order, so two fences never deadlock). A row taken over meanwhile is not among them: its new owner
     * finishes it, and this owner's writes must leave it alone.
     */
    public Uni<List<String>> holdsAll(Collection<String> keys, String owner) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows(holdsAllSql(), JsonParameter.of(keys), owner).map(rows -> rows.stream().map(r -> r[0].toString()).toList());
    }

    /** Hands back those of these rows {@code owner} still holds, in one statement; answers how many. */
    public Uni<Integer> releaseAll(Collection<String> keys, String owner) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return execute(releaseAllSql(), JsonParameter.of(keys), owner);
    }

    /** Claims this row, ready or not (to run it now), if no live worker holds it; null otherwise. */
    public Uni<Claimed> claim(String key, String owner, Duration lease) {
        return rows(oneSql(), key).chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem() : lease(rows.get(0), owner, lease));
    }

    /** Extends the lease; false when it is lost (another worker took the row over): stop working on it. */
    public Uni<Boolean> renew(String key, String owner, Duration lease) {
        return execute(renewSql(), key, owner, seconds(lease)).map(n -> n == 1);
    }

    /**
     * Whether {@code owner} still holds the row, which stays locked until the transaction ends: the fence for a
     * worker's final writes (a claim taken over meanwhile must change nothing; its new owner finishes the work).
     */
    public Uni<Boolean> holds(String key, String owner) {
        return rows(holdsSql(), key, owner).map(rows -> !rows.isEmpty());
    }

    /**
     * Hands the row back (its worker stops): free to claim at once. Does nothing once the row is finished or taken
     * over, so calling it after the work completed is harmless.
     */
    public Uni<Boolean> release(String key, String owner) {
        return execute(releaseSql(), key, owner).map(n -> n == 1);
    }

    private Uni<Claimed> lease(Object[] row, String owner, Duration lease) {
        String key = row[0].toString();
        return execute(claimSql(), key, owner, seconds(lease))
                .map(n -> new Claimed(key, row[1] == null ? null : row[1].toString(), Arrays.copyOfRange(row, 2, row.length)));
    }

    String nextSql() {
        return select() + " WHERE (" + ready + ") AND " + FREE + " ORDER BY " + order + " LIMIT 1 FOR UPDATE SKIP LOCKED";
    }

    String nextSql(int limit) {
        return select() + " WHERE (" + ready + ") AND " + FREE + " ORDER BY " + order + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
    }

    String claimAllSql() {
        return "UPDATE " + table + " SET lease_owner = ?2, lease_expires_at = now() + make_interval(secs => ?3)"
                + (onClaim.isEmpty() ? "" : ", " + onClaim) + " WHERE " + keyColumn + " IN (" + keys(1) + ") AND " + FREE;
    }

    String holdsAllSql() {
        return select() + " WHERE " + keyColumn + " IN (" + keys(1) + ") AND lease_owner = ?2"
                + (heldOnlyIf.isEmpty() ? "" : " AND (" + heldOnlyIf + ")") + " ORDER BY " + keyColumn + " FOR UPDATE";
    }

    String releaseAllSql() {
        return "UPDATE " + table + " SET lease_owner = NULL, lease_expires_at = NULL"
                + (onRelease.isEmpty() ? "" : ", " + onRelease) + " WHERE " + keyColumn + " IN (" + keys(1) + ") AND lease_owner = ?2"
                + (heldOnlyIf.isEmpty() ? "" : " AND (" + heldOnlyIf + ")");
    }

    String oneSql() {
        return select() + " WHERE " + keyColumn + " = " + key(1) + " AND " + FREE + " FOR UPDATE SKIP LOCKED";
    }

    String claimSql() {
        return "UPDATE " + table + " SET lease_owner = ?2, lease_expires_at = now() + make_interval(secs => ?3)"
                + (onClaim.isEmpty() ? "" : ", " + onClaim) + " WHERE " + keyColumn + " = " + key(1);
    }

    String renewSql() {
        return "UPDATE " + table + " SET lease_expires_at = now() + make_interval(secs => ?3) WHERE " + held();
    }

    String holdsSql() {
        return select() + " WHERE " + held() + " FOR UPDATE";
    }

    String releaseSql() {
        return "UPDATE " + table + " SET lease_owner = NULL, lease_expires_at = NULL"
                + (onRelease.isEmpty() ? "" : ", " + onRelease) + " WHERE " + held();
    }

    private String select() {
        // always two columns at least: a single-column native query answers scalars instead of rows
        return "SELECT cast(" + keyColumn + " as text), lease_owner" + (columns.isEmpty() ? "" : ", " + columns)
                + " FROM " + table;
    }

    private String held() {
        return keyColumn + " = " + key(1) + " AND lease_owner = ?2" + (heldOnlyIf.isEmpty() ? "" : " AND (" + heldOnlyIf + ")");
    }

    private String key(int param) {
        return TextParameter.as(param, keyType);
    }

    /**
     * Parameter {@code n} of a {@link Builder#ready ready} condition, bound as text and cast to {@code sqlType}
     * (e.g. {@code "due_at <= " + param(1, "timestamptz")}); its value is given to
     * {@link #claimNext(String, Duration, int, Object...)}.
     */
    public static String param(int n, String sqlType) {
        return TextParameter.as(n, sqlType);
    }

    /** The keys of a JSON array of text (parameter {@code param}), each cast to the key type. */
    private String keys(int param) {
        return "SELECT cast(k.v as " + keyType + ") FROM " + JsonParameter.elements(param) + " AS k(v)";
    }

    // make_interval takes (fractional) seconds as double precision
    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        });
    }

    private static Uni<Integer> execute(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    /**
     * A claimed row.
     *
     * @param key           the key, as text
     * @param previousOwner the owner whose expired lease this claim took over, or null
     * @param columns       the extra columns, in the order given to {@link Builder#columns}
     */
    public record Claimed(String key, String previousOwner, Object[] columns) {
        /** The extra column {@code i} as text (null stays null). */
        public String text(int i) {
            return columns[i] == null ? null : columns[i].toString();
        }

        public boolean takenOver() {
            return previousOwner != null;
        }
    }

    /** The description of a work table; the SQL fragments are trusted code of the service, never user input. */
    public static final class Builder {
        private final String table;
        private final String keyColumn;
        private final String keyType;
        private String ready = "true";
        private String order;
        private String columns = "";
        private String onClaim = "";
        private String onRelease = "";
        private String heldOnlyIf = "";

        private Builder(String table, String keyColumn, String keyType) {
            this.table = Objects.requireNonNull(table);
            this.keyColumn = Objects.requireNonNull(keyColumn);
            this.keyType = Objects.requireNonNull(keyType);
            this.order = keyColumn;
        }

        /**
         * The condition (besides a free lease) under which a row is work to claim; it may hold {@link #param
         * parameters} for a batch claim.
         */
        public Builder ready(String condition) {
            this.ready = condition;
            return this;
        }

        /** Which ready row is claimed first (ORDER BY); the key by default. */
        public Builder order(String orderBy) {
            this.order = orderBy;
            return this;
        }

        /** Extra columns a claim reads ({@link Claimed#columns}); cast them to text. */
        public Builder columns(String selectList) {
            this.columns = selectList;
            return this;
        }

        /** Extra assignments of a claim ({@code status = 'running', attempts = attempts + 1}). */
        public Builder onClaim(String assignments) {
            this.onClaim = assignments;
            return this;
        }

        /** Extra assignments of a release ({@code status = 'queued'}). */
        public Builder onRelease(String assignments) {
            this.onRelease = assignments;
            return this;
        }

        /** An extra condition for renew and release to apply ({@code status = 'running'}). */
        public Builder heldOnlyIf(String condition) {
            this.heldOnlyIf = condition;
            return this;
        }

        public LeaseTable build() {
            return new LeaseTable(this);
        }
    }
}
