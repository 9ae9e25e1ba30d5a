-- agent_load (the leads assigned to a lead's agent in the window before a cutoff): serving counts one agent's
-- lead.assigned events in a time range per scored lead. The payload is JSON text, so the agent is an expression;
-- the index holds assignments only (a small share of the events). The expression must stay exactly the one
-- LeadEventRepository queries, or the planner cannot use the index.
CREATE INDEX lead_event_assignments ON lead_event (tenant_id, (CAST(payload AS jsonb) ->> 'assignedAgentId'), occurred_at)
    WHERE type = 'lead.assigned';
