package com.keystone.crm.lead.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Why a lead went to whom: the rule and group as they were named then, the agent (null when nobody was
 * available), the method and a sentence a person can read. Append-only history, readable per lead.
 */
@Entity
@Table(name = "assignment_decision")
public class AssignmentDecision extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(name = "rule_id")
    public UUID ruleId;
    @Column(name = "rule_name")
    public String ruleName;
    @Column(name = "group_id")
    public UUID groupId;
    @Column(name = "group_name")
    public String groupName;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "previous_agent_id")
    public String previousAgentId;
    @Column(name = "team_id")
    public String teamId;
    @Convert(converter = AssignmentMethodConverter.class)
    @Column(nullable = false)
    public AssignmentMethod method;
    @Column(nullable = false)
    public String reason;
    /** 'routing' for a rule decision, else the user who reassigned (the assignedBy of lead.assigned). */
    @Column(name = "assigned_by", nullable = false)
    public String assignedBy;
    /** The user whose request caused the decision (who created the lead, or who reassigned it). */
    @Column(name = "actor_id")
    public String actorId;
    /** The lead's version after the decision. */
    @Column(name = "lead_version", nullable = false)
    public long leadVersion;
    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
}
