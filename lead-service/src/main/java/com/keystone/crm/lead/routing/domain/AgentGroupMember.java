package com.keystone.crm.lead.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * An agent in a group, with its weight and place in the rotation. Rows are only read and changed while the
 * group row is locked, so the rotation state needs no version of its own.
 */
@Entity
@Table(name = "agent_group_member")
public class AgentGroupMember extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "group_id", nullable = false)
    public UUID groupId;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(nullable = false)
    public int weight;
    /** 0-based order in the rotation (the order the admin listed the members in). */
    @Column(nullable = false)
    public int position;
    /** Smooth weighted round robin's running weight. */
    @Column(name = "current_weight", nullable = false)
    public long currentWeight;
}
