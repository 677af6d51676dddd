-- Issue 18 (search): a decision's search text now also holds its reason key, report author,
-- consultees and the council's reference and minute number (as far as each audience may see
-- them), written as words separated by spaces so both backends index the words the search
-- language reads. Read models are derived from the log, so, as in 0007 and 0010, they are cleared
-- and every tenant's projector starts again from the first event of its log, writing the new
-- search text; the log, the slug registry, personal values, the tenant directory and each
-- tenant's active generation are untouched.
DELETE FROM councils;
DELETE FROM decisions;
DELETE FROM forward_plan_entries;
DELETE FROM forward_plan_listings;
DELETE FROM strategy_documents;
DELETE FROM meetings;
UPDATE projection_checkpoints SET position = 0;
