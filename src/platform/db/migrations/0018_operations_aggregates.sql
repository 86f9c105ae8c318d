-- Operations indicators (issue 6, docs/decisions/0018-operations-indicators.md): contacts per channel,
-- organisation, service and hour, first-contact resolution, first response and resolution times against
-- SLA, counter waiting and service times, no-shows, tasks sent to a second line and their turnaround,
-- safety incidents (counts only). Like satisfaction_aggregates, dashboards read only sums and counts per
-- organisation × month × channel × service × contact point; unlike answers, the source rows belong to
-- other modules (contact center, queues, appointments, safety), so the sums are recomputed per
-- organisation × month (refresh on read of stale months, by a job for the regional views), never
-- incremented by the writers.
--
-- Every figure is attributed to the month (Brussels time) of the event that completes it: a contact to
-- its start, a first response to its time, a resolution to the closing time, a task to its creation (sent)
-- and its answer (turnaround), a ticket to its day, an appointment to its start, an incident to when it
-- occurred. '' stands for "no service", "no contact point" and, for incidents, "no channel".
-- Durations are in seconds (bigint: millions of contacts × minutes overflow an integer).

CREATE TABLE operations_aggregates (
  organisation_id      uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month                date NOT NULL,
  channel              text NOT NULL,
  service_code         text NOT NULL DEFAULT '',
  contact_point        text NOT NULL DEFAULT '',
  -- contacts (cc_contacts, inbound and outbound, every channel, counters included)
  contacts             integer NOT NULL DEFAULT 0,
  handled              integer NOT NULL DEFAULT 0,      -- ended contacts with a duration
  handle_seconds       bigint NOT NULL DEFAULT 0,
  outcomes             integer NOT NULL DEFAULT 0,      -- contacts with an outcome other than abandoned
  first_contact        integer NOT NULL DEFAULT 0,      -- … of which answered at first contact
  abandoned            integer NOT NULL DEFAULT 0,
  -- requests (cc_requests): first response and resolution against their SLA due times
  responses            integer NOT NULL DEFAULT 0,
  response_seconds     bigint NOT NULL DEFAULT 0,
  response_due         integer NOT NULL DEFAULT 0,      -- responses that had a due time
  response_met         integer NOT NULL DEFAULT 0,
  resolutions          integer NOT NULL DEFAULT 0,
  resolution_seconds   bigint NOT NULL DEFAULT 0,
  resolution_due       integer NOT NULL DEFAULT 0,
  resolution_met       integer NOT NULL DEFAULT 0,
  -- counters (queue_tickets)
  tickets              integer NOT NULL DEFAULT 0,      -- tickets issued (a transfer is not a new ticket)
  waits                integer NOT NULL DEFAULT 0,      -- tickets called
  wait_seconds         bigint NOT NULL DEFAULT 0,
  services             integer NOT NULL DEFAULT 0,      -- services finished at a counter
  service_seconds      bigint NOT NULL DEFAULT 0,
  ticket_no_shows      integer NOT NULL DEFAULT 0,
  -- appointments: kept (arrived or seen) and no-shows
  appointments_kept    integer NOT NULL DEFAULT 0,
  appointments_no_show integer NOT NULL DEFAULT 0,
  -- tasks to a second line (counted for the sending organisation)
  tasks_sent           integer NOT NULL DEFAULT 0,
  tasks_answered       integer NOT NULL DEFAULT 0,
  task_seconds         bigint NOT NULL DEFAULT 0,
  -- safety incidents: counts only, nothing about the people
  incidents            integer NOT NULL DEFAULT 0,
  incidents_high       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month, channel, service_code, contact_point)
);
CREATE INDEX operations_aggregates_month_idx ON operations_aggregates (month, organisation_id);

-- The same sums per organisation × month: what the regional dashboard and open data read.
CREATE TABLE operations_monthly (
  organisation_id      uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month                date NOT NULL,
  contacts             integer NOT NULL DEFAULT 0,
  handled              integer NOT NULL DEFAULT 0,
  handle_seconds       bigint NOT NULL DEFAULT 0,
  outcomes             integer NOT NULL DEFAULT 0,
  first_contact        integer NOT NULL DEFAULT 0,
  abandoned            integer NOT NULL DEFAULT 0,
  responses            integer NOT NULL DEFAULT 0,
  response_seconds     bigint NOT NULL DEFAULT 0,
  response_due         integer NOT NULL DEFAULT 0,
  response_met         integer NOT NULL DEFAULT 0,
  resolutions          integer NOT NULL DEFAULT 0,
  resolution_seconds   bigint NOT NULL DEFAULT 0,
  resolution_due       integer NOT NULL DEFAULT 0,
  resolution_met       integer NOT NULL DEFAULT 0,
  tickets              integer NOT NULL DEFAULT 0,
  waits                integer NOT NULL DEFAULT 0,
  wait_seconds         bigint NOT NULL DEFAULT 0,
  services             integer NOT NULL DEFAULT 0,
  service_seconds      bigint NOT NULL DEFAULT 0,
  ticket_no_shows      integer NOT NULL DEFAULT 0,
  appointments_kept    integer NOT NULL DEFAULT 0,
  appointments_no_show integer NOT NULL DEFAULT 0,
  tasks_sent           integer NOT NULL DEFAULT 0,
  tasks_answered       integer NOT NULL DEFAULT 0,
  task_seconds         bigint NOT NULL DEFAULT 0,
  incidents            integer NOT NULL DEFAULT 0,
  incidents_high       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month)
);
CREATE INDEX operations_monthly_month_idx ON operations_monthly (month);

-- Contacts per hour of the day (Brussels time, 0–23), per organisation × month × channel.
CREATE TABLE operations_hourly (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month           date NOT NULL,
  channel         text NOT NULL,
  hour            smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  contacts        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month, channel, hour)
);

-- When each organisation × month was last recomputed. A month that may still change (the current one
-- and those ended less than the grace period ago) is stale after a few minutes; an older month is
-- computed once. The row is also the lock that serialises two refreshes of the same month.
CREATE TABLE operations_refresh (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month           date NOT NULL,
  refreshed_at    timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, month)
);

-- The recomputation of one organisation × month reads each source by organisation and event time.
-- Contacts (organisation_id, started_at) and incidents (organisation_id, occurred_at) have their index.
CREATE INDEX cc_requests_responded_idx ON cc_requests (organisation_id, first_responded_at) WHERE first_responded_at IS NOT NULL;
CREATE INDEX cc_requests_closed_idx ON cc_requests (organisation_id, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX cc_tasks_from_created_idx ON cc_tasks (from_organisation_id, created_at);
CREATE INDEX cc_tasks_from_answered_idx ON cc_tasks (from_organisation_id, answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX queue_tickets_organisation_day_idx ON queue_tickets (organisation_id, day);
CREATE INDEX appointments_organisation_start_idx ON appointments (organisation_id, starts_at);
