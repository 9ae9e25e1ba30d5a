package com.keystone.crm.notification;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;

import java.util.Map;

/** Real PostgreSQL, Kafka and CDC relay for notification-service, plus its fake providers; one boot for all tests. */
public class NotificationServiceTestResource extends CrmServiceResource {
    public NotificationServiceTestResource() {
        super("notification-service");
    }

    @Override
    protected Map<String, String> extraConfig(CrmTestEnvironment env) {
        return TestProviders.get().config();
    }
}
