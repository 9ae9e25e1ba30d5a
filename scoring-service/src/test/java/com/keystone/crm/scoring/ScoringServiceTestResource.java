package com.keystone.crm.scoring;

import com.keystone.crm.platform.testkit.CrmServiceResource;

/** Real PostgreSQL, Kafka and CDC relay for scoring-service; one boot shared by every test class. */
public class ScoringServiceTestResource extends CrmServiceResource {
    public ScoringServiceTestResource() {
        super("scoring-service");
    }
}
