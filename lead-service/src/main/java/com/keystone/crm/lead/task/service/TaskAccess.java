package com.keystone.crm.lead.task.service;

import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.lead.task.repository.TaskRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may see a task inside a tenant: its assignee, a team lead of the assignee's current team, an admin. Anything
 * else is answered as if the task did not exist. Needs an open session.
 */
@ApplicationScoped
public class TaskAccess {
    private final TaskRepository tasks;
    private final AgentRepository agents;

    public TaskAccess(TaskRepository tasks, AgentRepository agents) {
        this.tasks = tasks;
        this.agents = agents;
    }

    public Uni<Task> visible(Caller caller, UUID id) {
        return tasks.findInTenant(caller.tenantId(), id).chain(task -> {
            if (task == null) {
                throw notFound(id);
            }
            return canSee(caller, task).map(ok -> {
                if (!ok) {
                    throw notFound(id);
                }
                return task;
            });
        });
    }

    private Uni<Boolean> canSee(Caller caller, Task task) {
        if (caller.isAdmin() || caller.userId().equals(task.assigneeId)) {
            return Uni.createFrom().item(true);
        }
        if (task.assigneeId == null) {
            return Uni.createFrom().item(false);
        }
        return inCallersTeam(caller, task.assigneeId);
    }

    /** True when the caller is a team lead and the user is currently in their team. */
    public Uni<Boolean> inCallersTeam(Caller caller, String userId) {
        Optional<String> team = caller.teamId();
        if (!caller.isTeamLead() || team.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return agents.findById(userId)
                .map(agent -> agent != null && agent.tenantId.equals(caller.tenantId()) && team.get().equals(agent.teamId));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Task " + id);
    }
}
