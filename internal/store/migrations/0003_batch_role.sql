-- The reviewer's role a batch's documents are all read as (contractor,
-- tenant, …), as `termscore batch --role` and a single scan take it; ''
-- infers each document's role, which is what every batch made before
-- this column did.
ALTER TABLE batches ADD COLUMN role TEXT NOT NULL DEFAULT '';
