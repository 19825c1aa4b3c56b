-- Wesley migration plan
-- PostgreSQL: 13.12 (major 13, server_version_num 130012)
-- risk: 71/100 (HIGH)
-- steps: 6, refused: 1
-- estimated time: now 2-20 s, low-traffic window 4-40 min
-- schemas: empty database -> 2c26b46b68ff
-- mode: --unsafe: destructive steps included
-- warning WESLEY_PLAN_UNKNOWN_SIZE: No size facts for public.events_2025: its estimates assume 1 GB
--
-- Run it with: psql -v ON_ERROR_STOP=1 -f <this file>
--
-- The Wesley executor adds what this script leaves out: lock retries, checkpoints (a failed run
-- resumes at its step) and batching. Here each step runs once, in order; a step whose lock_timeout
-- expires fails, and can be run again. A backfill step's SQL runs its batches itself, committing each.
-- Steps for the low-traffic window are marked; this script does not wait for the window.

-- Phase: expand

-- Step 01-create-parent-index-public.events_created_at_idx
-- Create index public.events_created_at_idx on the partitioned table only (invalid until every partition is attached)
-- Locks: SHARE on public.events
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
CREATE INDEX IF NOT EXISTS events_created_at_idx ON ONLY public.events (created_at);
COMMIT;

-- Step 02-create-index-concurrently-public.events_2024_created_at_idx
-- Build index public.events_2024_created_at_idx on partition public.events_2024 (created_at)
-- Locks: SHARE UPDATE EXCLUSIVE on public.events_2024
-- Estimate: 4-40 min (6.3 GB x 38-380 s/GB (index build))
-- Window: low-traffic window
-- Runs outside a transaction.
SET lock_timeout = '3000ms';
SET statement_timeout = '2880000ms';
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2024_created_at_idx ON public.events_2024 (created_at);
RESET statement_timeout;
RESET lock_timeout;

-- Step 03-create-index-concurrently-public.events_2025_created_at_idx
-- Build index public.events_2025_created_at_idx on partition public.events_2025 (created_at)
-- Locks: SHARE UPDATE EXCLUSIVE on public.events_2025
-- Estimate: 2-20 s (unknown size: assumed 1 GB x 2-20 s/GB (index build))
-- Runs outside a transaction.
SET lock_timeout = '3000ms';
SET statement_timeout = '60000ms';
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2025_created_at_idx ON public.events_2025 (created_at);
RESET statement_timeout;
RESET lock_timeout;

-- Step 04-attach-index-public.events_2024_created_at_idx
-- Attach index public.events_2024_created_at_idx to public.events_created_at_idx
-- Locks: SHARE UPDATE EXCLUSIVE on public.events, SHARE UPDATE EXCLUSIVE on public.events_2024
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
ALTER INDEX public.events_created_at_idx ATTACH PARTITION public.events_2024_created_at_idx;
COMMIT;

-- Step 05-attach-index-public.events_2025_created_at_idx
-- Attach index public.events_2025_created_at_idx to public.events_created_at_idx
-- Locks: SHARE UPDATE EXCLUSIVE on public.events, SHARE UPDATE EXCLUSIVE on public.events_2025
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
ALTER INDEX public.events_created_at_idx ATTACH PARTITION public.events_2025_created_at_idx;
COMMIT;

-- Phase: contract

-- Step 06-drop-column-public.events.legacy_payload
-- Drop column public.events.legacy_payload (jsonb)
-- Locks: ACCESS EXCLUSIVE on public.events, ACCESS EXCLUSIVE on public.events_2024, ACCESS EXCLUSIVE on public.events_2025
-- Estimate: <1 s (catalog only: size-independent)
-- Window: low-traffic window
-- Included by --unsafe
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
ALTER TABLE public.events DROP COLUMN IF EXISTS legacy_payload;
COMMIT;

-- Refused: not in this script (1)
--   public.events (WESLEY_PLAN_UNSUPPORTED_CHANGE): changing the partition key of a partitioned table needs a new table
--     hint: Create a new partitioned table and copy the rows (INSERT INTO ... SELECT, or pg_dump | psql); Wesley does not plan this
--     not even --unsafe includes it
