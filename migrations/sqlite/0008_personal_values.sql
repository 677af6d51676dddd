-- Personal values beside the log: see migrations/postgres/0008_personal_values.sql. Inserted in
-- the transaction that appends their event; an erasure deletes rows here in the transaction that
-- appends its PersonalDataErased event. The store sets `secure_delete`, so deleted values are
-- overwritten in the file, not merely unlinked.
CREATE TABLE personal_values (
    tenant_id  TEXT    NOT NULL,
    commitment TEXT    NOT NULL CHECK (length(commitment) = 64),
    position   INTEGER NOT NULL CHECK (position > 0),
    salt       TEXT    NOT NULL CHECK (length(salt) = 64),
    value      TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, commitment)
) STRICT, WITHOUT ROWID;
CREATE INDEX personal_values_by_position ON personal_values (tenant_id, position);
