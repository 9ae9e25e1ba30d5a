package com.keystone.crm.lead;

import com.keystone.crm.platform.testkit.CrmServiceResource;

/** Real PostgreSQL, Kafka and CDC relay for lead-service; one boot shared by every test class. */
public class LeadServiceTestResource extends CrmServiceResource {
    public LeadServiceTestResource() {
        super("lead-service");
    }
}
