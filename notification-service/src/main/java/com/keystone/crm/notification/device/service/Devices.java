package com.keystone.crm.notification.device.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.notification.device.domain.Device;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The push device registry: a user registers, lists and removes their own devices (another user's device, also in
 * the same tenant, is not found); the delivery worker reads a user's devices and removes those whose token the
 * provider reports invalid or unregistered.
 */
@ApplicationScoped
public class Devices {
    private final CrmClock clock;
    private final int maxPerUser;

    public Devices(CrmClock clock, NotifyConfig config) {
        this.clock = clock;
        this.maxPerUser = config.push().maxDevicesPerUser();
    }

    /** APNs tokens are hex: one spelling, so the same phone is one row. */
    public static String normaliseToken(String platform, String token) {
        return Device.IOS.equals(platform) ? token.toLowerCase(Locale.ROOT) : token;
    }

    /**
     * Registers the token for the caller: a token already registered (by this user or, after a new login on the
     * phone, another) becomes the caller's with the new app id and preference; answers it and whether it is new.
     */
    @WithTransaction
    public Uni<Registered> register(Caller caller, String platform, String token, String appId, Boolean leadAlerts) {
        String normalised = normaliseToken(platform, token);
        Instant now = clock.now();
        return Panache.getSession().chain(s -> s.createQuery("from Device where platform = :p and token = :t", Device.class)
                        .setParameter("p", platform).setParameter("t", normalised).setLockMode(LockMode.PESSIMISTIC_WRITE)
                        .getResultList())
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        Device d = existing.get(0);
                        boolean sameOwner = d.tenantId.equals(caller.tenantId()) && d.userId.equals(caller.userId());
                        d.tenantId = caller.tenantId();
                        d.userId = caller.userId();
                        d.appId = appId;
                        d.leadAlerts = leadAlerts == null ? (sameOwner ? d.leadAlerts : true) : leadAlerts;
                        d.updatedAt = now;
                        d.version++;
                        return Uni.createFrom().item(new Registered(View.of(d), false));
                    }
                    return count(caller).chain(n -> {
                        if (n >= maxPerUser) {
                            throw ProblemException.conflict("too-many-devices",
                                    "a user may register at most " + maxPerUser + " devices; remove one first");
                        }
                        Device d = new Device();
                        d.id = UUID.randomUUID();
                        d.tenantId = caller.tenantId();
                        d.userId = caller.userId();
                        d.platform = platform;
                        d.token = normalised;
                        d.appId = appId;
                        d.leadAlerts = leadAlerts == null || leadAlerts;
                        d.createdAt = now;
                        d.updatedAt = now;
                        d.version = 1;
                        return Panache.getSession().chain(s -> s.persist(d)).replaceWith(new Registered(View.of(d), true));
                    });
                });
    }

    private Uni<Long> count(Caller caller) {
        return Panache.getSession().chain(s -> s.createQuery("select count(*) from Device where tenantId = :t and userId = :u", Long.class)
                .setParameter("t", caller.tenantId()).setParameter("u", caller.userId()).getSingleResult());
    }

    /** The caller's own devices, newest first. */
    @WithSession
    public Uni<List<View>> mine(Caller caller) {
        return Panache.getSession().chain(s -> s.createQuery("from Device where tenantId = :t and userId = :u "
                                + "order by createdAt desc, id desc", Device.class)
                        .setParameter("t", caller.tenantId()).setParameter("u", caller.userId()).getResultList())
                .map(rows -> rows.stream().map(View::of).toList());
    }

    /** Removes one of the caller's devices; anyone else's (or none) is 404. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID id) {
        return Panache.getSession().chain(s -> s.find(Device.class, id)).chain(d -> {
            if (d == null || !d.tenantId.equals(caller.tenantId()) || !d.userId.equals(caller.userId())) {
                throw ProblemException.notFound("Device " + id);
            }
            return Panache.getSession().chain(s -> s.remove(d));
        });
    }

    /** A user's devices (in the caller's session): the targets of a push. */
    public Uni<List<Device>> of(String tenantId, String userId) {
        return Panache.getSession().chain(s -> s.createQuery("from Device where tenantId = :t and userId = :u order by createdAt, id",
                        Device.class).setParameter("t", tenantId).setParameter("u", userId).getResultList());
    }

    /** The provider says the token is no longer valid: the device is removed (in the caller's transaction). */
    public Uni<Void> removeInvalid(UUID deviceId) {
        return Panache.getSession().chain(s -> s.find(Device.class, deviceId)
                .chain(d -> d == null ? Uni.createFrom().voidItem() : s.remove(d)));
    }

    /** A device as the API shows it (the token is shown: the owner registered it). */
    public record View(UUID id, String platform, String token, String appId, boolean leadAlerts, Instant createdAt,
                       Instant updatedAt) {
        static View of(Device d) {
            return new View(d.id, d.platform, d.token, d.appId, d.leadAlerts, d.createdAt, d.updatedAt);
        }
    }

    /** A registration's outcome. */
    public record Registered(View device, boolean created) {
    }
}
