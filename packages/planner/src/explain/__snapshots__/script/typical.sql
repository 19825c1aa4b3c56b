-- Wesley migration plan
-- PostgreSQL: 16.4 (major 16, server_version_num 160004)
-- risk: 42/100 (MEDIUM)
-- steps: 6, refused: 1
-- estimated time: now 32 s-6.3 min, low-traffic window 4-40 min
-- schemas: 9a0364b9e99b -> c3499c272973
--
-- Run it with: psql -v ON_ERROR_STOP=1 -f <this file>
--
-- The Wesley executor adds what this script leaves out: lock retries, checkpoints (a failed run
-- resumes at its step) and batching. Here each step runs once, in order; a step whose lock_timeout
-- expires fails, and can be run again. A backfill step's SQL runs its batches itself, committing each.
-- Steps for the low-traffic window are marked; this script does not wait for the window.

-- Phase: expand

-- Step 01-add-enum-value-public.order_status.refunded
-- Add value 'refunded' to enum public.order_status
-- Locks: none
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL statement_timeout = '10000ms';
ALTER TYPE public.order_status ADD VALUE IF NOT EXISTS 'refunded';
COMMIT;

-- Step 02-add-column-public.users.email_lower
-- Add column public.users.email_lower (text, nullable)
-- Locks: ACCESS EXCLUSIVE on public.users
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
ALTER TABLE public.users ADD COLUMN IF NOT EXISTS email_lower text;
COMMIT;

-- Step 03-create-index-concurrently-public.users_email_lower_idx
-- Build index public.users_email_lower_idx on public.users (email_lower) without blocking writes
-- Locks: SHARE UPDATE EXCLUSIVE on public.users
-- Estimate: 2-20 s (472 MB x 4-40 s/GB (index build))
-- Runs outside a transaction.
SET lock_timeout = '3000ms';
SET statement_timeout = '60000ms';
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON public.users (email_lower);
RESET statement_timeout;
RESET lock_timeout;

-- Step 04-add-foreign-key-public.orders.orders_user_id_fkey
-- Add foreign key public.orders.orders_user_id_fkey (user_id) -> public.users (id), NOT VALID
-- Locks: SHARE ROW EXCLUSIVE on public.orders, SHARE ROW EXCLUSIVE on public.users
-- Estimate: <1 s (catalog only: size-independent)
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '10000ms';
ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID;
COMMIT;

-- Phase: backfill

-- Step 05-backfill-column-public.users.email_lower
-- Backfill public.users.email_lower = lower(email) in batches of 5000 rows
-- Locks: ROW EXCLUSIVE on public.users
-- Estimate: 30 s-6 min (1200000 rows in 240 batches x 0.125-1.5 s)
-- Runs outside a transaction.
SET lock_timeout = '3000ms';
SET statement_timeout = 0;
DO $body$
DECLARE
  last_0 bigint;
BEGIN
  LOOP
    WITH batch AS (SELECT id FROM public.users WHERE id > last_0 ORDER BY id LIMIT 5000),
      updated AS (UPDATE public.users SET email_lower = (lower(email)) WHERE id >= (SELECT id FROM batch ORDER BY id LIMIT 1) AND id <= (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AND email_lower IS NULL)
    SELECT id INTO last_0 FROM batch ORDER BY id DESC LIMIT 1;
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END
$body$;
RESET statement_timeout;
RESET lock_timeout;

-- Phase: validate

-- Step 06-validate-constraint-public.orders.orders_user_id_fkey
-- Validate foreign key public.orders.orders_user_id_fkey against existing rows
-- Locks: SHARE UPDATE EXCLUSIVE on public.orders, ROW SHARE on public.users
-- Estimate: 4-40 min (8.1 GB x 30-300 s/GB (scan))
-- Window: low-traffic window
BEGIN;
SET LOCAL lock_timeout = '3000ms';
SET LOCAL statement_timeout = '2880000ms';
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_id_fkey;
COMMIT;

-- Refused: not in this script (1)
--   public.users.legacy_name (WESLEY_PLAN_DESTRUCTIVE): dropping the column loses its values, and clients that still read it break
--     hint: Run with --unsafe once no client reads public.users.legacy_name
--     --unsafe would include it
