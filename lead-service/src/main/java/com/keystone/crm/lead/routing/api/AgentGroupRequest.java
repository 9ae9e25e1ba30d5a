package com.keystone.crm.lead.routing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.routing.domain.AgentGroupStrategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Objects;

/** The body of POST and PUT /api/v1/agent-groups[/{id}]; members are listed in rotation order. */
public record AgentGroupRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull AgentGroupStrategy strategy,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull AgentGroupMemberRequest> members) {

    public AgentGroupRequest {
        name = name == null ? null : name.trim();
    }

    @JsonIgnore
    @AssertTrue(message = "a member may be listed only once")
    public boolean isMembersDistinct() {
        if (members == null) {
            return true;
        }
        List<String> ids = members.stream().filter(Objects::nonNull).map(AgentGroupMemberRequest::userId).toList();
        return ids.stream().distinct().count() == ids.size();
    }
}
