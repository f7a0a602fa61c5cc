-- The reviewer's own jurisdiction (an ISO code: US-CA, GB, DE), as
-- `termscore scan --home` takes it: a batch reads all its documents with
-- it, and a scan keeps it so that the downloads made by analysing the
-- file again (the redline, the HTML and Markdown reports) say what its
-- page says. '' is none, which is what every older batch and scan had.
ALTER TABLE batches ADD COLUMN home TEXT NOT NULL DEFAULT '';
ALTER TABLE scans ADD COLUMN home TEXT NOT NULL DEFAULT '';
