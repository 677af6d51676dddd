-- Personal values beside the log (issue 15, "erasure without breaking proofs"). An event's payload
-- holds a salted commitment in place of each personal value; the value and its salt live here,
-- inserted in the same statement as the event. A lawful erasure deletes rows here (and appends a
-- PersonalDataErased event in the same statement), so nothing in the log changes. Unlike events,
-- this table may be deleted from: that is its purpose.
CREATE TABLE personal_values (
    tenant_id  uuid   NOT NULL,
    commitment text   NOT NULL CHECK (char_length(commitment) = 64),
    position   bigint NOT NULL CHECK (position > 0),
    salt       text   NOT NULL CHECK (char_length(salt) = 64),
    value      text   NOT NULL,
    PRIMARY KEY (tenant_id, commitment)
);
CREATE INDEX personal_values_by_position ON personal_values (tenant_id, position);

-- Read with events, inserted with them, deleted by an erasure; never updated.
GRANT SELECT, INSERT, DELETE ON personal_values TO civic_app;
