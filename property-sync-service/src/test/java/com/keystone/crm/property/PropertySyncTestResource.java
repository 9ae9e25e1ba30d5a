package com.keystone.crm.property;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.S3ProxyServer;

import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL, Kafka, CDC relay and s3proxy for property-sync-service; one boot shared by every test class. */
public class PropertySyncTestResource extends CrmServiceResource {
    public static final String BUCKET = "test-media";

    public PropertySyncTestResource() {
        super("property-sync-service");
    }

    @Override
    protected Map<String, String> extraConfig(CrmTestEnvironment env) {
        Map<String, String> c = new HashMap<>();
        c.put("crm.media.endpoint", env.s3().endpoint().toString());
        c.put("crm.media.access-key", S3ProxyServer.ACCESS_KEY);
        c.put("crm.media.secret-key", S3ProxyServer.SECRET_KEY);
        c.put("crm.media.bucket", BUCKET);
        // the credentials the simulator expects (MLS-SIM-API.md), under the references tests give providers
        c.put("crm.mls.credentials.sim-rets.username", "rets-user");
        c.put("crm.mls.credentials.sim-rets.password", "rets-pass");
        c.put("crm.mls.credentials.sim-reso.username", "reso-client");
        c.put("crm.mls.credentials.sim-reso.password", "reso-secret");
        c.put("crm.mls.credentials.unit.username", "unit-user");
        return c;
    }
}
