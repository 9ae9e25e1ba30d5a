package com.keystone.crm.property.service;

import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A provider as an admin writes it (create and full replace). The secrets come one of two ways: credentialsRef names
 * the configuration entry holding them (crm.mls.credentials.&lt;ref&gt;.*), or credentials carries them, to be stored
 * encrypted (write-only: never shown again). A replace that gives neither keeps the stored credentials.
 */
public record ProviderCommand(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "rets|reso-web-api", message = "must be rets or reso-web-api") String protocol,
        @NotBlank @Size(max = 2000) String url,
        @Size(max = 2000) String tokenUrl,
        @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only")
        String credentialsRef,
        @Size(max = 200) String userAgent,
        @Size(max = 32) String retsVersion,
        Boolean usePost,
        @Size(max = 64) String resource,
        @Size(max = 200) String searchClasses,
        @Pattern(regexp = "COMPACT|COMPACT-DECODED", message = "must be COMPACT or COMPACT-DECODED") String format,
        Map<String, String> fieldMap,
        @Size(max = 64) String serverZone,
        @Size(max = 40) String charset,
        @Min(1) @Max(10000) Integer pageSize,
        @DecimalMin(value = "0.001") Double requestsPerSecond,
        @Min(0) Integer mediaPerHour,
        @Min(100) @Max(600000) Integer requestTimeoutMs,
        @Size(max = 120) String cron,
        @Min(60) Long reconcileEverySeconds,
        Boolean enabled,
        @Schema(writeOnly = true, description = "the provider's secrets, stored encrypted; never returned")
        @Valid MlsCredentials credentials) {

    /** Never the credentials' values (a record's own toString would print them). */
    @Override
    public String toString() {
        return "ProviderCommand[name=" + name + ", protocol=" + protocol + ", url=" + url + ", credentialsRef="
                + credentialsRef + ", credentials=" + (credentials == null ? "none" : "redacted") + "]";
    }
}
