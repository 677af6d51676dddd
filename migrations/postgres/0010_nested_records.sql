-- Stored decision and meeting views now keep their record as a nested object (`record`) instead
-- of flattened into the view: serde reads a flattened struct through a buffer of every key, which
-- made decoding a register page's rows a third of the gateway's CPU per page (issue 16). Read
-- models are derived from the log, so, as in 0007, they are cleared and every tenant's projector
-- starts again from the first event of its log; the log, the slug registry, personal values and
-- each tenant's active generation are untouched.
DELETE FROM councils;
DELETE FROM decisions;
DELETE FROM forward_plan_entries;
DELETE FROM forward_plan_listings;
DELETE FROM strategy_documents;
DELETE FROM meetings;
UPDATE projection_checkpoints SET position = 0;
