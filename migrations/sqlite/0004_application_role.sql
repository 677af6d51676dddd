-- The PostgreSQL migration of this number creates the role the application acts as (civic_app).
-- SQLite has no roles: whoever can open the database file can change it (docs/security.md).
-- This migration keeps the two backends' versions in step and changes nothing.
SELECT 1;
