-- The learning loop from the content-gap log (issue 16): a search with only weak results keeps the code of the
-- service it ranked first, so that a question asked again and again with the same weak guess is proposed to that
-- service's editors as a search term (they approve or reject it). NULL: no result at all, or logged before this.
ALTER TABLE content_gaps ADD COLUMN best_guess text CHECK (best_guess ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
