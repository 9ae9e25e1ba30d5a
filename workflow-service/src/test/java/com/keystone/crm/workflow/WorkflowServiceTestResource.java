package com.keystone.crm.workflow;

import com.keystone.crm.platform.testkit.CrmServiceResource;

/** Real PostgreSQL, Kafka and CDC relay for workflow-service; one boot shared by every test class. */
public class WorkflowServiceTestResource extends CrmServiceResource {
    public WorkflowServiceTestResource() {
        super("workflow-service");
    }
}
