package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TestJwksTest {

    @Test
    void servesTheSigningKeyWithItsKidOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(TestJwks.url())).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode key = new ObjectMapper().readTree(response.body()).path("keys").get(0);
        assertThat(key.path("kid").asText()).isEqualTo(TestTokens.KEY_ID);
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        RSAPublicKey publicKey = TestTokens.publicKey();
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()))).isEqualTo(publicKey.getModulus());
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))).isEqualTo(publicKey.getPublicExponent());
        assertThat(TestJwks.url()).as("one server per JVM").isEqualTo(TestJwks.url());
    }
}
