-- Every call taking an address finds the account in any letter case (WHERE lower(address) = ?,
-- AccountRows.ADDRESS_IN_ANY_CASE). Without this index each lookup scans the table, so a server
-- starting with N accounts did N scans: quadratic (100,000 accounts took tens of minutes of CPU).
-- Expression indexes work on SQLite (3.9+) and PostgreSQL alike.
CREATE INDEX accounts_address_lower ON accounts (lower(address));
