package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.URIBuilder;

/** A RETS client as the real ones are built: Apache HttpClient 5 with its Digest scheme and a cookie store. */
final class RetsTestClient implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final MlsSimulator sim;
    private final CloseableHttpClient http;
    private final BasicCookieStore cookies = new BasicCookieStore();
    private final String userAgent;
    private final String uaPassword;
    private int requestNo;

    RetsTestClient(MlsSimulator sim, String user, String password) {
        this(sim, user, password, "KeystoneCRM/1.0", null);
    }

    RetsTestClient(MlsSimulator sim, String user, String password, String userAgent, String uaPassword) {
        this.sim = sim;
        this.userAgent = userAgent;
        this.uaPassword = uaPassword;
        BasicCredentialsProvider creds = new BasicCredentialsProvider();
        creds.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user, password.toCharArray()));
        this.http = HttpClients.custom().setDefaultCredentialsProvider(creds).setDefaultCookieStore(cookies)
                .disableAutomaticRetries().build();
    }

    Reply login() {
        return get(sim.retsLoginUrl(), Map.of());
    }

    Reply get(String url, Map<String, String> params) {
        try {
            URIBuilder b = new URIBuilder(url);
            params.forEach(b::addParameter);
            return execute(new HttpGet(b.build()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Reply post(String url, Map<String, String> params) {
        HttpPost post = new HttpPost(URI.create(url));
        List<NameValuePair> form = new ArrayList<>();
        params.forEach((k, v) -> form.add(new BasicNameValuePair(k, v)));
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        return execute(post);
    }

    Reply transaction(String name, Map<String, String> params) {
        return get(sim.baseUrl() + "/rets/" + name, params);
    }

    Reply search(String query, String... more) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SearchType", "Property");
        p.put("Class", "RES");
        p.put("QueryType", "DMQL2");
        p.put("Format", "COMPACT");
        p.put("Query", query);
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return transaction("search", p);
    }

    String sessionId() {
        return cookies.getCookies().stream().filter(c -> c.getName().equals("RETS-Session-ID"))
                .map(c -> c.getValue()).findFirst().orElse("");
    }

    private Reply execute(HttpUriRequestBase request) {
        request.setHeader("User-Agent", userAgent);
        request.setHeader("RETS-Version", "RETS/1.7.2");
        if (uaPassword != null) {
            String requestId = "req-" + (++requestNo);
            request.setHeader("RETS-Request-ID", requestId);
            String a1 = DigestAuth.md5(userAgent + ":" + uaPassword);
            request.setHeader("RETS-UA-Authorization", "Digest "
                    + DigestAuth.md5(a1 + ":" + requestId + ":" + sessionId() + ":RETS/1.7.2"));
        }
        try {
            return http.execute(request, response -> {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header h : response.getHeaders()) {
                    headers.merge(h.getName().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b);
                }
                byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return new Reply(response.getCode(), headers, body);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
