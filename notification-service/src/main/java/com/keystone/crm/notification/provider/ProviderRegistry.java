package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured providers, each behind a circuit breaker (Failsafe: provider faults in a row open it, and an open
 * breaker is a provider fault itself, so the chain moves on at once) and a token bucket per sender (Bucket4j: a
 * message without a token waits in the queue for it).
 */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, Guarded> providers = new LinkedHashMap<>();
    private final Map<String, List<String>> defaultChains;

    public ProviderRegistry(NotifyConfig config) {
        int calls = config.worker().calls();
        config.providers().forEach((name, p) -> providers.put(name, new Guarded(create(name, p, calls), p)));
        this.defaultChains = config.chains();
        defaultChains.forEach((channel, chain) -> chain.forEach(name -> {
            if (!providers.containsKey(name)) {
                throw new IllegalStateException("crm.notify.chains." + channel + " names an unknown provider " + name);
            }
        }));
    }

    /** {@code calls}: the provider calls this instance makes at once, which a pooled client must have connections for. */
    private static MessageProvider create(String name, NotifyConfig.Provider p, int calls) {
        return switch (p.kind()) {
            case "smtp" -> new SmtpProvider(name, p);
            case "twilio" -> new TwilioProvider(name, p, calls);
            case "ses" -> new SesProvider(name, p);
            case "sns" -> new SnsSmsProvider(name, p);
            case "fcm" -> new FcmProvider(name, p);
            case "apns" -> new ApnsProvider(name, p);
            default -> throw new IllegalStateException("crm.notify.providers." + name + ".kind: unknown kind " + p.kind());
        };
    }

    /** The chain for a channel: the tenant's own (names of configured providers of that channel), else the default. */
    public List<String> chain(String channel, List<String> tenantChain) {
        if (tenantChain != null && !tenantChain.isEmpty()) {
            List<String> usable = new ArrayList<>();
            for (String name : tenantChain) {
                Guarded g = providers.get(name);
                if (g != null && g.provider.channel().equals(channel)) {
                    usable.add(name);
                }
            }
            if (!usable.isEmpty()) {
                return usable;
            }
        }
        return defaultChains.getOrDefault(channel, List.of());
    }

    /** Whether the provider sends push to this platform's tokens. */
    public boolean serves(String providerName, String platform) {
        Guarded g = providers.get(providerName);
        return g != null && g.provider instanceof PushProvider push && push.serves(platform);
    }

    /** Closes the providers holding connections (APNs' HTTP/2 client). */
    @jakarta.annotation.PreDestroy
    void close() {
        providers.values().forEach(g -> {
            if (g.provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // shutting down: nothing more to do with a provider that fails to close
                }
            }
        });
    }

    public Optional<MessageProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name)).map(g -> g.provider);
    }

    /** Every Twilio account configured (webhooks are verified with the account's auth token). */
    public List<TwilioProvider> twilioAccounts() {
        return providers.values().stream().map(g -> g.provider).filter(TwilioProvider.class::isInstance)
                .map(TwilioProvider.class::cast).toList();
    }

    /**
     * Takes a send token for this provider and sender: zero when one was taken, else how long until one is free
     * (the message is re-queued for then).
     */
    public Duration reserve(String providerName, String sender) {
        Guarded g = providers.get(providerName);
        ConsumptionProbe probe = g.bucket(sender).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Sends through the provider's breaker. */
    public String send(String providerName, OutgoingMessage message) throws ProviderFault, RecipientFault, OutcomeUnknown {
        Guarded g = providers.get(providerName);
        try {
            return Failsafe.with(g.breaker).get(() -> g.provider.send(message));
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderFault("breaker-open", providerName + " is failing; its breaker is open", e);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderFault f) {
                throw f;
            }
            if (cause instanceof RecipientFault f) {
                throw f;
            }
            if (cause instanceof OutcomeUnknown f) {
                throw f;
            }
            throw e;
        }
    }

    /** Each provider's channel and breaker state (closed, open, half-open): the provider health view. */
    public List<Health> health() {
        return providers.entrySet().stream().map(e -> new Health(e.getKey(), e.getValue().provider.channel(),
                e.getValue().breaker.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))).toList();
    }

    /** One provider's health. */
    public record Health(String name, String channel, String breaker) {
    }

    private static final class Guarded {
        final MessageProvider provider;
        final CircuitBreaker<Object> breaker;
        final double ratePerSecond;
        final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

        Guarded(MessageProvider provider, NotifyConfig.Provider config) {
            this.provider = provider;
            // only the provider's faults (and unknown outcomes, which look like a sick provider) count; a refused
            // recipient is a successful call as far as the provider's health goes
            this.breaker = CircuitBreaker.builder()
                    .handleIf(t -> t instanceof ProviderFault || t instanceof OutcomeUnknown)
                    .withFailureThreshold(config.breakerFailures())
                    .withDelay(config.breakerDelay())
                    .build();
            this.ratePerSecond = config.ratePerSecond();
        }

        Bucket bucket(String sender) {
            return buckets.computeIfAbsent(sender == null ? "" : sender, s -> {
                // a rate below 1/s is expressed as one token per 1/rate seconds
                Bandwidth limit = ratePerSecond >= 1
                        ? Bandwidth.builder().capacity((long) ratePerSecond).refillGreedy((long) ratePerSecond, Duration.ofSeconds(1)).build()
                        : Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofMillis((long) (1000 / ratePerSecond))).build();
                return Bucket.builder().addLimit(limit).build();
            });
        }
    }
}
