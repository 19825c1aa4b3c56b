-- saas (hash 9b5ff0c037881722a1f702a0e63638b0fc7b39c8c658e6b2ba083a2c059450c7)

-- Extensions
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- Schemas
CREATE SCHEMA IF NOT EXISTS "auth";

CREATE SCHEMA IF NOT EXISTS "wesley";

-- Enums
CREATE TYPE "public"."invoice_status" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID');

CREATE TYPE "public"."plan" AS ENUM ('FREE', 'TEAM', 'ENTERPRISE');

CREATE TYPE "public"."task_status" AS ENUM ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELED');

CREATE TYPE "public"."user_role" AS ENUM ('OWNER', 'ADMIN', 'MEMBER', 'GUEST');

-- Helper functions
CREATE OR REPLACE FUNCTION "auth"."jwt_claim"(claim text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> claim
$$;

CREATE OR REPLACE FUNCTION "wesley"."touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now()));
  RETURN NEW;
END
$$;

-- Roles
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wesley_migrator') THEN
    CREATE ROLE "wesley_migrator" NOLOGIN BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

-- Tables
CREATE TABLE "public"."event" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "occurred_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "org_id" uuid NOT NULL,
  "actor_id" uuid,
  "type" character varying(100) NOT NULL,
  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT "event_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");

CREATE TABLE "public"."invoice" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "number" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  "org_id" uuid NOT NULL,
  "status" "public"."invoice_status" NOT NULL DEFAULT 'DRAFT',
  "currency" character(3) NOT NULL DEFAULT 'EUR',
  "amount" numeric(12,2) NOT NULL,
  "issued_on" date,
  "due_on" date,
  "paid_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "invoice_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "invoice_number_key" UNIQUE ("number"),
  CONSTRAINT "invoice_currency_check" CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT "invoice_amount_check" CHECK (amount >= 0),
  CONSTRAINT "invoice_due_after_issue" CHECK (due_on IS NULL OR issued_on IS NULL OR due_on >= issued_on)
);

CREATE TABLE "public"."organization" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "name" text NOT NULL,
  "slug" character varying(63) NOT NULL,
  "plan" "public"."plan" NOT NULL DEFAULT 'FREE',
  "seats" integer NOT NULL DEFAULT 5,
  "timezone" text NOT NULL DEFAULT 'UTC',
  "owner_id" uuid,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "organization_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "organization_slug_key" UNIQUE ("slug"),
  CONSTRAINT "organization_name_check" CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT "organization_slug_check" CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  CONSTRAINT "organization_seats_check" CHECK (seats > 0)
);

CREATE TABLE "public"."project" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "org_id" uuid NOT NULL,
  "key" character varying(10) NOT NULL,
  "name" text NOT NULL,
  "description" text,
  "team_id" uuid,
  "archived" boolean NOT NULL DEFAULT false,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "project_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "project_org_id_key_key" UNIQUE ("org_id", "key"),
  CONSTRAINT "project_key_check" CHECK (key ~ '^[A-Z][A-Z0-9]{1,9}$')
);

CREATE TABLE "public"."task" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "org_id" uuid NOT NULL,
  "project_id" uuid NOT NULL,
  "assignee_id" uuid,
  "title" text NOT NULL,
  "body" text,
  "status" "public"."task_status" NOT NULL DEFAULT 'TODO',
  "priority" integer NOT NULL DEFAULT 3,
  "labels" text[] NOT NULL DEFAULT '{}'::text[],
  "due_on" date,
  "completed_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "task_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "task_title_check" CHECK (char_length(title) BETWEEN 1 AND 500),
  CONSTRAINT "task_priority_check" CHECK (priority BETWEEN 1 AND 5),
  CONSTRAINT "task_completed_when_done" CHECK ((status = 'DONE') = (completed_at IS NOT NULL))
);

CREATE TABLE "public"."team" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "org_id" uuid NOT NULL,
  "name" character varying(100) NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "team_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "team_org_id_name_key" UNIQUE ("org_id", "name")
);

CREATE TABLE "public"."team_member" (
  "team_id" uuid NOT NULL,
  "user_id" uuid NOT NULL,
  "org_id" uuid NOT NULL,
  "is_lead" boolean NOT NULL DEFAULT false,
  "joined_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "team_member_pkey" PRIMARY KEY ("team_id", "user_id")
);

CREATE TABLE "public"."user" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "org_id" uuid NOT NULL,
  "email" character varying(320) NOT NULL,
  "display_name" text NOT NULL,
  "role" "public"."user_role" NOT NULL DEFAULT 'MEMBER',
  "active" boolean NOT NULL DEFAULT true,
  "last_seen_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "user_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "user_org_id_email_key" UNIQUE ("org_id", "email"),
  CONSTRAINT "user_email_check" CHECK (email = lower(email))
);

-- Indexes
CREATE INDEX "event_metadata_idx" ON "public"."event" USING gin ("metadata");

CREATE INDEX "event_org_id_occurred_at_idx" ON "public"."event" ("org_id", "occurred_at");

CREATE INDEX "event_actor_id_idx" ON "public"."event" ("actor_id");

CREATE INDEX "invoice_org_id_idx" ON "public"."invoice" ("org_id");

CREATE INDEX "organization_owner_id_idx" ON "public"."organization" ("owner_id");

CREATE INDEX "project_team_id_idx" ON "public"."project" ("team_id");

CREATE INDEX "task_assignee_id_idx" ON "public"."task" ("assignee_id") WHERE (assignee_id IS NOT NULL);

CREATE INDEX "task_labels_idx" ON "public"."task" USING gin ("labels");

CREATE INDEX "task_project_id_status_idx" ON "public"."task" ("project_id", "status");

CREATE INDEX "task_org_id_idx" ON "public"."task" ("org_id");

CREATE INDEX "team_member_user_id_idx" ON "public"."team_member" ("user_id");

CREATE INDEX "team_member_org_id_idx" ON "public"."team_member" ("org_id");

-- Partitions
CREATE TABLE "public"."event_2026_01" PARTITION OF "public"."event" FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');

CREATE TABLE "public"."event_2026_02" PARTITION OF "public"."event" FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');

CREATE TABLE "public"."event_2026_03" PARTITION OF "public"."event" FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00');

CREATE TABLE "public"."event_default" PARTITION OF "public"."event" DEFAULT;

-- Foreign keys
ALTER TABLE "public"."event" ADD CONSTRAINT "event_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."event" ADD CONSTRAINT "event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "public"."user" ("id") ON DELETE SET NULL;

ALTER TABLE "public"."invoice" ADD CONSTRAINT "invoice_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE RESTRICT;

ALTER TABLE "public"."organization" ADD CONSTRAINT "organization_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."user" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "public"."project" ADD CONSTRAINT "project_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."project" ADD CONSTRAINT "project_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "public"."team" ("id") ON DELETE SET NULL;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "public"."project" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "public"."user" ("id") ON DELETE SET NULL;

ALTER TABLE "public"."team" ADD CONSTRAINT "team_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."team_member" ADD CONSTRAINT "team_member_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "public"."team" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."team_member" ADD CONSTRAINT "team_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."team_member" ADD CONSTRAINT "team_member_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."user" ADD CONSTRAINT "user_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."organization" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;

-- updated_at triggers
CREATE TRIGGER "organization_updated_at_touch" BEFORE UPDATE ON "public"."organization" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

CREATE TRIGGER "project_updated_at_touch" BEFORE UPDATE ON "public"."project" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

CREATE TRIGGER "task_updated_at_touch" BEFORE UPDATE ON "public"."task" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

CREATE TRIGGER "user_updated_at_touch" BEFORE UPDATE ON "public"."user" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

-- Row-level security
ALTER TABLE "public"."event" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."event_2026_01" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_2026_01" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_2026_01"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_2026_01"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_2026_01"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_2026_01"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."event_2026_02" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_2026_02" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_2026_02"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_2026_02"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_2026_02"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_2026_02"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."event_2026_03" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_2026_03" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_2026_03"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_2026_03"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_2026_03"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_2026_03"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."event_default" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_default" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_default"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_default"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_default"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_default"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."invoice" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."invoice" FORCE ROW LEVEL SECURITY;

CREATE POLICY "invoice_tenant_select" ON "public"."invoice"
  AS RESTRICTIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "invoice_tenant_insert" ON "public"."invoice"
  AS RESTRICTIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "invoice_tenant_update" ON "public"."invoice"
  AS RESTRICTIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "invoice_tenant_delete" ON "public"."invoice"
  AS RESTRICTIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "invoice_select_policy" ON "public"."invoice"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ((select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'));

CREATE POLICY "invoice_insert_policy" ON "public"."invoice"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ((select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'));

CREATE POLICY "invoice_update_policy" ON "public"."invoice"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ((select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'))
  WITH CHECK ((select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'));

CREATE POLICY "invoice_delete_policy" ON "public"."invoice"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ((select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'));

ALTER TABLE "public"."organization" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."organization" FORCE ROW LEVEL SECURITY;

CREATE POLICY "organization_select_policy" ON "public"."organization"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (id = (select auth.jwt_claim('org_id'))::uuid);

CREATE POLICY "organization_update_policy" ON "public"."organization"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING (id = (select auth.jwt_claim('org_id'))::uuid AND (select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'))
  WITH CHECK (id = (select auth.jwt_claim('org_id'))::uuid AND (select auth.jwt_claim('role')) IN ('OWNER', 'ADMIN'));

ALTER TABLE "public"."project" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."project" FORCE ROW LEVEL SECURITY;

CREATE POLICY "project_tenant_select" ON "public"."project"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "project_tenant_insert" ON "public"."project"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "project_tenant_update" ON "public"."project"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "project_tenant_delete" ON "public"."project"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."task" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."task" FORCE ROW LEVEL SECURITY;

CREATE POLICY "task_tenant_select" ON "public"."task"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "task_tenant_insert" ON "public"."task"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "task_tenant_update" ON "public"."task"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "task_tenant_delete" ON "public"."task"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."team" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."team" FORCE ROW LEVEL SECURITY;

CREATE POLICY "team_tenant_select" ON "public"."team"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_tenant_insert" ON "public"."team"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_tenant_update" ON "public"."team"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_tenant_delete" ON "public"."team"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."team_member" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."team_member" FORCE ROW LEVEL SECURITY;

CREATE POLICY "team_member_tenant_select" ON "public"."team_member"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_member_tenant_insert" ON "public"."team_member"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_member_tenant_update" ON "public"."team_member"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "team_member_tenant_delete" ON "public"."team_member"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

ALTER TABLE "public"."user" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."user" FORCE ROW LEVEL SECURITY;

CREATE POLICY "user_tenant_select" ON "public"."user"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "user_tenant_insert" ON "public"."user"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "user_tenant_update" ON "public"."user"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid)
  WITH CHECK ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

CREATE POLICY "user_tenant_delete" ON "public"."user"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("org_id" = (SELECT "auth"."jwt_claim"('org_id'))::uuid);

-- Comments
COMMENT ON TYPE "public"."plan" IS 'The subscription plan of an organisation.';

COMMENT ON TYPE "public"."user_role" IS 'What a user may do inside their organisation.';

COMMENT ON TABLE "public"."event" IS 'The activity log: append-only, one partition per month (bounds in UTC) and a DEFAULT partition
for anything outside them. The partition key occurredAt is part of the primary key, as
PostgreSQL requires.';

COMMENT ON COLUMN "public"."event"."type" IS 'Dotted event name such as "task.completed".';

COMMENT ON COLUMN "public"."event"."metadata" IS 'Free-form details; the GIN index serves containment queries (metadata @> ''{"taskId": "..."}'').';

COMMENT ON COLUMN "public"."invoice"."number" IS 'Sequential number printed on the invoice, unique across all organisations.';

COMMENT ON TABLE "public"."organization" IS 'A customer organisation: the tenant. Every other table carries its id in `orgId`, and
row-level security shows a session only the rows of the organisation in its JWT.';

COMMENT ON COLUMN "public"."organization"."slug" IS 'URL-safe handle, unique across all organisations.';

COMMENT ON COLUMN "public"."organization"."owner_id" IS 'The user who owns the organisation. Organization -> User and User -> Organization form a
cycle: the key is checked at commit, so an organisation and its owner can be created in one
transaction.';

COMMENT ON COLUMN "public"."project"."key" IS 'Short prefix of task numbers, e.g. "WEB" in WEB-42.';

COMMENT ON COLUMN "public"."task"."priority" IS '1 (highest) to 5 (lowest).';

COMMENT ON TABLE "public"."team_member" IS 'The many-to-many join between teams and users, with data of its own.';

COMMENT ON TABLE "public"."user" IS 'A person who can sign in to one organisation. The same e-mail may exist in several organisations.';

COMMENT ON COLUMN "public"."user"."email" IS 'Stored in lower case; 320 characters is the longest address RFC 5321 allows.';
