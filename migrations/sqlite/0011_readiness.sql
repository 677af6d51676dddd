-- PostgreSQL's 0011 lets the application role read the applied migrations for `/readyz`. SQLite
-- has no roles: nothing to grant. The file keeps both backends' migrations numbered alike.
SELECT 1;
