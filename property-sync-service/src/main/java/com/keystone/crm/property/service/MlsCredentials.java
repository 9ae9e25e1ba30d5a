package com.keystone.crm.property.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * A provider's secrets as an admin gives them (write-only: no view ever carries them). RESO Web API: the OAuth2 client
 * id and secret; RETS: user and password, and the RETS-UA-Authorization password if the MLS wants one.
 * {@link #toString()} hides every value, so a log line or an exception message that prints the command shows none.
 */
@Schema(writeOnly = true, description = "write-only: stored encrypted, never returned")
public record MlsCredentials(
        @NotBlank @Size(max = 256) String username,
        @NotBlank @Size(max = 1024) String password,
        @Size(max = 1024) @JsonProperty("uaPassword") String uaPassword) {

    @Override
    public String toString() {
        return "MlsCredentials[redacted]";
    }
}
