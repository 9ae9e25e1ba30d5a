package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * SMS through the stock Twilio client (Messages API) with a status callback URL. With {@code base-url} set, the same
 * client is routed to a Twilio-compatible endpoint (a local fake): the request keeps Twilio's path, host header,
 * Basic auth and form body, only the TCP connection goes elsewhere.
 */
public class TwilioProvider implements MessageProvider {
    /** Twilio errors that are the recipient's: invalid 'To' (21211), unsubscribed (21610), not SMS-capable (21614), region not enabled (21408), blocked (30004/30005/30006/30007 come as callbacks). */
    static final Set<Integer> RECIPIENT_CODES = Set.of(21211, 21610, 21614, 21408, 21612);
    static final int UNSUBSCRIBED = 21610;
    /** How many of the recipient's messages a reconciliation reads at most. */
    static final int MAX_LOOKUP = 500;

    private final String name;
    private final String accountSid;
    private final String authToken;
    private final TwilioRestClient client;

    /** {@code connections}: as many as the instance's provider calls at once (crm.notify.worker.calls). */
    public TwilioProvider(String name, NotifyConfig.Provider config, int connections) {
        this.name = name;
        this.accountSid = config.accountSid().orElseThrow(() -> new IllegalStateException(
                "crm.notify.providers." + name + ".account-sid is required"));
        this.authToken = config.authToken().orElseThrow(() -> new IllegalStateException(
                "crm.notify.providers." + name + ".auth-token is required"));
        Timeout timeout = Timeout.of(config.timeout());
        RequestConfig requestConfig = RequestConfig.custom().setConnectTimeout(timeout).setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout).build();
        // the SDK sets its own request config on every request (no response timeout), so the call timeout is the
        // socket timeout of the connection manager
        HttpClientBuilder builder = HttpClientBuilder.create().setDefaultRequestConfig(requestConfig).useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        // fewer connections than calls made the calls queue for one: 20 capped the benchmark at ~430/s
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build());
        config.baseUrl().ifPresent(base -> {
            URI uri = URI.create(base);
            HttpHost target = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
            builder.setRoutePlanner((host, context) -> new HttpRoute(target));
        });
        HttpClient http = new NetworkHttpClient(builder);
        this.client = new TwilioRestClient.Builder(accountSid, authToken).httpClient(http).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String channel() {
        return "sms";
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    @Override
    public String send(OutgoingMessage m) throws ProviderFault, RecipientFault, OutcomeUnknown {
        MessageCreator creator = m.messagingServiceSid() != null
                ? Message.creator(new PhoneNumber(m.to()), m.messagingServiceSid(), m.text())
                : Message.creator(new PhoneNumber(m.to()), new PhoneNumber(m.from()), m.text());
        if (m.statusCallbackUrl() != null) {
            creator.setStatusCallback(URI.create(m.statusCallbackUrl()));
        }
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            if (e.getStatusCode() == null) {
                // the SDK wraps I/O failures (no answer, a connection closed mid-exchange) without a status
                if (neverConnected(e)) {
                    throw new ProviderFault("connect", "Twilio endpoint unreachable: " + e.getMessage(), e);
                }
                throw new OutcomeUnknown("Twilio call broke off: " + e.getMessage(), e);
            }
            Exception fault = asFault(e);
            if (fault instanceof RecipientFault recipient) {
                throw recipient;
            }
            throw (ProviderFault) fault;
        } catch (ApiConnectionException e) {
            if (neverConnected(e)) {
                throw new ProviderFault("connect", "Twilio endpoint unreachable: " + e.getMessage(), e);
            }
            throw new OutcomeUnknown("Twilio call broke off: " + e.getMessage(), e);
        } catch (TwilioException e) {
            throw new OutcomeUnknown("Twilio answer unreadable: " + e.getMessage(), e);
        }
    }

    private static Exception asFault(ApiException e) {
        Integer status = e.getStatusCode();
        Integer code = e.getCode();
        String codeText = code != null ? String.valueOf(code) : String.valueOf(status);
        if (code != null && RECIPIENT_CODES.contains(code)) {
            return new RecipientFault(codeText, e.getMessage(), code == UNSUBSCRIBED);
        }
        // 5xx, 429, 401/403 (this account's credentials), anything else: the provider's
        return new ProviderFault(codeText, "Twilio answered " + status + ": " + e.getMessage(), e);
    }

    static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase().contains("connect")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The account's recent messages to the recipient, newest first, matched on the body (the rendered text is
     * stored with the request, so a resend of the same request is identical) and created no earlier than the
     * attempt; ids already known to belong to other requests are skipped.
     */
    @Override
    public Optional<String> find(OutgoingMessage m, Instant since, Set<String> knownIds) throws ProviderFault {
        try {
            ResourceSet<Message> messages = Message.reader().setTo(new PhoneNumber(m.to())).setPageSize(100L).read(client);
            Instant from = since.minusSeconds(60);
            int seen = 0;
            for (Message message : messages) {
                if (++seen > MAX_LOOKUP) {
                    break;
                }
                Instant created = message.getDateCreated() == null ? null : message.getDateCreated().withZoneSameInstant(ZoneOffset.UTC).toInstant();
                if (created != null && created.isBefore(from)) {
                    continue;
                }
                if (!knownIds.contains(message.getSid()) && m.text().equals(message.getBody())) {
                    return Optional.of(message.getSid());
                }
            }
            return Optional.empty();
        } catch (TwilioException e) {
            throw new ProviderFault("lookup", "Twilio message list failed: " + e.getMessage(), e);
        }
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.LOOKUP;
    }
}
