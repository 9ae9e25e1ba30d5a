-- notification-service: a push's own data is typed (PushData: type, assignment method) instead of riding in the
-- template variables; and a delivery attempt may end "unknown" (a crash or broken call left its outcome unknowable
-- and the provider can neither be asked nor safely called again).
ALTER TABLE notification ADD COLUMN push_type varchar(40);
ALTER TABLE notification ADD COLUMN push_method varchar(40);

-- lead alerts queued before this version carried their type and method as template variables
UPDATE notification
   SET push_type = variables ->> 'type', push_method = variables ->> 'method', variables = NULL
 WHERE channel = 'push' AND template_key IS NULL AND variables ->> 'type' = 'lead-assigned';
