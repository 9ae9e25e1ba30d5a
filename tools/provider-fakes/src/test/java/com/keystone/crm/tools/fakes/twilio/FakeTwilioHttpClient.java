package com.keystone.crm.tools.fakes.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;

/**
 * The Twilio SDK's own HTTP client, sending what it would send to {@code https://api.twilio.com} to another base
 * URL (the fake). The SDK builds absolute URLs (also the next-page URLs of a list) and checks they are Twilio's, so
 * the URL is rewritten at the last moment, in the HttpClient the SDK lets you plug in:
 * {@code new TwilioRestClient.Builder(sid, token).httpClient(new FakeTwilioHttpClient(baseUrl)).build()}.
 */
public final class FakeTwilioHttpClient extends NetworkHttpClient {

    private static final String TWILIO_API = "https://api.twilio.com";
    private final String baseUrl;

    public FakeTwilioHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * With other timeouts. The SDK sets its default RequestConfig on every request, so a read timeout must be the
     * SocketConfig's SO_TIMEOUT; the RequestConfig's connect/connection-request timeouts do apply.
     */
    public FakeTwilioHttpClient(String baseUrl, RequestConfig requestConfig, SocketConfig socketConfig) {
        super(requestConfig, socketConfig);
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request original) {
        if (!original.getUrl().startsWith(TWILIO_API)) {
            return super.makeRequest(original);
        }
        Request request = new Request(original.getMethod(), baseUrl + original.getUrl().substring(TWILIO_API.length()));
        if (original.getUsername() != null) {
            request.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            request.setAuth(original.getAuthStrategy());
        }
        copy(original.getQueryParams(), request::addQueryParam);
        copy(original.getPostParams(), request::addPostParam);
        copy(original.getHeaderParams(), request::addHeaderParam);
        request.setContentType(original.getContentType());
        request.setBody(original.getBody());
        request.setUserAgentExtensions(original.getUserAgentExtensions());
        return super.makeRequest(request);
    }

    private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
        from.forEach((name, values) -> values.forEach(value -> to.accept(name, value)));
    }
}
