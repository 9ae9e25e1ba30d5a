package com.keystone.crm.property;

import com.keystone.crm.platform.testkit.CrmServiceResource;

/** Real PostgreSQL, Kafka and CDC relay for property-sync-service; one boot shared by every test class. */
public class PropertySyncTestResource extends CrmServiceResource {
    public PropertySyncTestResource() {
        super("property-sync-service");
    }
}
