-- cc_requests_open_idx (organisation_id, created_at DESC) WHERE status <> 'closed' is a prefix of
-- cc_requests_open_page_idx (organisation_id, created_at DESC, id DESC) with the same predicate (0013): every
-- query it served is served by the longer one, and each new request paid for both.
DROP INDEX IF EXISTS cc_requests_open_idx;
