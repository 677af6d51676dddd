-- Issue 13 changed what the stored views of decisions, councils, forward-plan entries and
-- strategy documents hold (not-stated values, labelled resolutions, declarations of interest,
-- members, call-in policies by kind of decision maker, dates due that are months). Read models are
-- derived from the log, so instead of converting old documents they are cleared here and every
-- tenant's projector starts again from the first event of its log. The log, the slug registry and
-- each tenant's active generation are untouched; readers see the register fill in again as the
-- projector catches up after the upgrade.
DELETE FROM councils;
DELETE FROM decisions;
DELETE FROM forward_plan_entries;
DELETE FROM forward_plan_listings;
DELETE FROM strategy_documents;
DELETE FROM meetings;
UPDATE projection_checkpoints SET position = 0;
