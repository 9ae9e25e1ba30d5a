-- notification-service: a lead's consent per channel, as lead-service publishes it (lead.created/lead.updated
-- consent: true, false, or absent = unknown). A marketing message to a lead who said no on that channel is not sent
-- (TCPA for texts, CAN-SPAM practice for email); an unknown consent does not block (the suppression list does).
ALTER TABLE contact ADD COLUMN consent_email boolean;
ALTER TABLE contact ADD COLUMN consent_sms boolean;
ALTER TABLE contact ADD COLUMN consent_push boolean;
