-- pg11-compatible (hash f145d64e611ebcad04cc5d001d1750fdb7824d525acb087d0333e5cadd5e7872)

-- Extensions
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- Schemas
CREATE SCHEMA IF NOT EXISTS "app";

CREATE SCHEMA IF NOT EXISTS "auth";

CREATE SCHEMA IF NOT EXISTS "wesley";

-- Enums
CREATE TYPE "public"."plan" AS ENUM ('FREE', 'PRO');

CREATE TYPE "public"."region" AS ENUM ('EU', 'US', 'APAC');

CREATE TYPE "public"."role" AS ENUM ('OWNER', 'MEMBER');

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
CREATE TABLE "app"."workspace" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "slug" character varying(63) NOT NULL,
  "display_name" text NOT NULL,
  "plan" "public"."plan" NOT NULL DEFAULT 'FREE',
  "settings" jsonb NOT NULL DEFAULT '{"theme":"light","beta":false}'::jsonb,
  "owner_id" uuid,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "workspace_pk" PRIMARY KEY ("id"),
  CONSTRAINT "workspace_slug_uq" UNIQUE ("slug"),
  CONSTRAINT "workspace_owner_id_key" UNIQUE ("owner_id"),
  CONSTRAINT "workspace_slug_check" CHECK (slug ~ '^[a-z0-9-]+$')
);

CREATE TABLE "public"."audit_log" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "region" "public"."region" NOT NULL DEFAULT 'EU',
  "workspace_id" uuid NOT NULL,
  "actor_id" uuid,
  "action" character varying(100) NOT NULL,
  "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id", "region")
) PARTITION BY LIST ("region");

CREATE TABLE "public"."document" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "workspace_id" uuid NOT NULL,
  "title" text NOT NULL,
  "body" text NOT NULL DEFAULT '',
  "version" integer NOT NULL DEFAULT 1,
  CONSTRAINT "document_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "document_version_check" CHECK (version > 0)
);

CREATE TABLE "public"."event" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "occurred_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "workspace_id" uuid NOT NULL,
  "name" character varying(100) NOT NULL,
  "properties" jsonb NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT "event_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");

CREATE TABLE "public"."label" (
  "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
  "workspace_id" uuid NOT NULL,
  "name" character varying(50) NOT NULL,
  "color" character(7) NOT NULL DEFAULT '#888888',
  CONSTRAINT "label_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "label_workspace_id_name_key" UNIQUE ("workspace_id", "name"),
  CONSTRAINT "label_color_hex" CHECK (color ~ '^#[0-9a-f]{6}$')
);

CREATE TABLE "public"."login_attempt" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "workspace_id" uuid NOT NULL,
  "email" character varying(320) NOT NULL,
  "succeeded" boolean NOT NULL,
  "at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id", "workspace_id")
) PARTITION BY HASH ("workspace_id");

CREATE TABLE "public"."member" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "workspace_id" uuid NOT NULL,
  "email_address" character varying(320) NOT NULL,
  "handle" text,
  "role" "public"."role" NOT NULL DEFAULT 'MEMBER',
  "invite_token" text,
  "deleted_at" timestamp with time zone,
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "member_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "member_email_address_check" CHECK (email_address = lower(email_address))
);

CREATE TABLE "public"."task" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "workspace_id" uuid NOT NULL,
  "stage_id" integer NOT NULL DEFAULT 1,
  "assignee_id" uuid,
  "title" text NOT NULL,
  "body" text,
  "search_vector" tsvector,
  "done" boolean NOT NULL DEFAULT false,
  "estimate_hours" double precision,
  "tags" text[] NOT NULL DEFAULT '{}'::text[],
  "completed_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "task_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "task_title_check" CHECK (char_length(title) > 0),
  CONSTRAINT "task_done_has_completed_at" CHECK (NOT done OR completed_at IS NOT NULL),
  CONSTRAINT "task_estimate_positive" CHECK (estimate_hours IS NULL OR estimate_hours > 0)
);

CREATE TABLE "public"."task_document" (
  "task_id" uuid NOT NULL,
  "document_id" uuid NOT NULL,
  CONSTRAINT "task_document_pkey" PRIMARY KEY ("task_id"),
  CONSTRAINT "task_document_document_id_key" UNIQUE ("document_id")
);

CREATE TABLE "public"."task_label" (
  "task_id" uuid NOT NULL,
  "label_id" integer NOT NULL,
  "added_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "task_label_pkey" PRIMARY KEY ("task_id", "label_id")
);

CREATE TABLE "public"."task_stage" (
  "id" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  "name" text NOT NULL,
  "position" integer NOT NULL DEFAULT 0,
  CONSTRAINT "task_stage_pk" PRIMARY KEY ("id"),
  CONSTRAINT "task_stage_name_key" UNIQUE ("name")
);

-- Indexes
CREATE INDEX "audit_log_payload_idx" ON "public"."audit_log" USING gin ("payload");

CREATE INDEX "audit_log_at_idx" ON "public"."audit_log" USING brin ("at");

CREATE INDEX "audit_log_workspace_id_idx" ON "public"."audit_log" ("workspace_id");

CREATE INDEX "audit_log_actor_id_idx" ON "public"."audit_log" ("actor_id");

CREATE INDEX "document_workspace_id_idx" ON "public"."document" ("workspace_id");

CREATE INDEX "event_properties_idx" ON "public"."event" USING gin ("properties");

CREATE INDEX "event_workspace_id_occurred_at_idx" ON "public"."event" ("workspace_id", "occurred_at");

CREATE INDEX "login_attempt_workspace_id_idx" ON "public"."login_attempt" ("workspace_id");

CREATE UNIQUE INDEX "member_handle_key" ON "public"."member" ("handle") WHERE (deleted_at IS NULL);

CREATE UNIQUE INDEX "member_email_per_workspace" ON "public"."member" ("workspace_id", "email_address") WHERE (deleted_at IS NULL);

CREATE INDEX "member_invite_token_idx" ON "public"."member" USING hash ("invite_token");

CREATE INDEX "member_role_idx" ON "public"."member" ("workspace_id", "role");

CREATE INDEX "task_search_vector_idx" ON "public"."task" USING gist ("search_vector");

CREATE INDEX "task_tags_idx" ON "public"."task" USING gin ("tags");

CREATE INDEX "task_created_at_idx" ON "public"."task" USING brin ("created_at");

CREATE INDEX "task_open_by_assignee_idx" ON "public"."task" ("assignee_id", "created_at") WHERE (NOT done);

CREATE INDEX "task_workspace_id_idx" ON "public"."task" ("workspace_id");

CREATE INDEX "task_stage_id_idx" ON "public"."task" ("stage_id");

CREATE INDEX "task_assignee_id_idx" ON "public"."task" ("assignee_id");

CREATE INDEX "task_label_label_id_idx" ON "public"."task_label" ("label_id");

-- Partitions
CREATE TABLE "public"."audit_log_eu" PARTITION OF "public"."audit_log" FOR VALUES IN ('EU');

CREATE TABLE "public"."audit_log_us" PARTITION OF "public"."audit_log" FOR VALUES IN ('US');

CREATE TABLE "public"."audit_log_other" PARTITION OF "public"."audit_log" DEFAULT;

CREATE TABLE "public"."event_2026_01" PARTITION OF "public"."event" FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');

CREATE TABLE "public"."event_2026_02" PARTITION OF "public"."event" FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');

CREATE TABLE "public"."event_default" PARTITION OF "public"."event" DEFAULT;

CREATE TABLE "public"."login_attempt_p0" PARTITION OF "public"."login_attempt" FOR VALUES WITH (MODULUS 2, REMAINDER 0);

CREATE TABLE "public"."login_attempt_p1" PARTITION OF "public"."login_attempt" FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- Foreign keys
ALTER TABLE "app"."workspace" ADD CONSTRAINT "workspace_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."member" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "public"."audit_log" ADD CONSTRAINT "audit_log_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "public"."member" ("id") ON DELETE SET NULL;

ALTER TABLE "public"."document" ADD CONSTRAINT "document_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."event" ADD CONSTRAINT "event_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."label" ADD CONSTRAINT "label_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."login_attempt" ADD CONSTRAINT "login_attempt_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."member" ADD CONSTRAINT "member_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspace" ("id") ON DELETE RESTRICT;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "public"."task_stage" ("id") ON DELETE SET DEFAULT;

ALTER TABLE "public"."task" ADD CONSTRAINT "task_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "public"."member" ("id") ON DELETE SET NULL;

ALTER TABLE "public"."task_document" ADD CONSTRAINT "task_document_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "public"."task" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."task_document" ADD CONSTRAINT "task_document_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "public"."document" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."task_label" ADD CONSTRAINT "task_label_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "public"."task" ("id") ON DELETE CASCADE;

ALTER TABLE "public"."task_label" ADD CONSTRAINT "task_label_label_id_fkey" FOREIGN KEY ("label_id") REFERENCES "public"."label" ("id") ON DELETE CASCADE;

-- updated_at triggers
CREATE TRIGGER "member_updated_at_touch" BEFORE UPDATE ON "public"."member" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

CREATE TRIGGER "task_updated_at_touch" BEFORE UPDATE ON "public"."task" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

-- Row-level security
ALTER TABLE "app"."workspace" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "app"."workspace" FORCE ROW LEVEL SECURITY;

CREATE POLICY "workspace_select_policy" ON "app"."workspace"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (id = (select auth.jwt_claim('workspace_id'))::uuid);

CREATE POLICY "workspace_insert_policy" ON "app"."workspace"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK (plan = 'FREE');

CREATE POLICY "workspace_update_policy" ON "app"."workspace"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING (id = (select auth.jwt_claim('workspace_id'))::uuid)
  WITH CHECK (id = (select auth.jwt_claim('workspace_id'))::uuid);

CREATE POLICY "workspace_delete_policy" ON "app"."workspace"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING (false);

ALTER TABLE "public"."audit_log" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."audit_log" FORCE ROW LEVEL SECURITY;

CREATE POLICY "audit_log_tenant_select" ON "public"."audit_log"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_insert" ON "public"."audit_log"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_update" ON "public"."audit_log"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_delete" ON "public"."audit_log"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."audit_log_eu" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."audit_log_eu" FORCE ROW LEVEL SECURITY;

CREATE POLICY "audit_log_tenant_select" ON "public"."audit_log_eu"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_insert" ON "public"."audit_log_eu"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_update" ON "public"."audit_log_eu"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_delete" ON "public"."audit_log_eu"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."audit_log_us" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."audit_log_us" FORCE ROW LEVEL SECURITY;

CREATE POLICY "audit_log_tenant_select" ON "public"."audit_log_us"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_insert" ON "public"."audit_log_us"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_update" ON "public"."audit_log_us"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_delete" ON "public"."audit_log_us"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."audit_log_other" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."audit_log_other" FORCE ROW LEVEL SECURITY;

CREATE POLICY "audit_log_tenant_select" ON "public"."audit_log_other"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_insert" ON "public"."audit_log_other"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_update" ON "public"."audit_log_other"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "audit_log_tenant_delete" ON "public"."audit_log_other"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."event" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."event_2026_01" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_2026_01" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_2026_01"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_2026_01"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_2026_01"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_2026_01"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."event_2026_02" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_2026_02" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_2026_02"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_2026_02"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_2026_02"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_2026_02"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."event_default" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."event_default" FORCE ROW LEVEL SECURITY;

CREATE POLICY "event_tenant_select" ON "public"."event_default"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_insert" ON "public"."event_default"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_update" ON "public"."event_default"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "event_tenant_delete" ON "public"."event_default"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."label" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."label" FORCE ROW LEVEL SECURITY;

CREATE POLICY "label_tenant_select" ON "public"."label"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "label_tenant_insert" ON "public"."label"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "label_tenant_update" ON "public"."label"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "label_tenant_delete" ON "public"."label"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

ALTER TABLE "public"."member" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."member" FORCE ROW LEVEL SECURITY;

CREATE POLICY "member_tenant_select" ON "public"."member"
  AS RESTRICTIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "member_tenant_insert" ON "public"."member"
  AS RESTRICTIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "member_tenant_update" ON "public"."member"
  AS RESTRICTIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "member_tenant_delete" ON "public"."member"
  AS RESTRICTIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "member_select_policy" ON "public"."member"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (deleted_at IS NULL);

CREATE POLICY "member_insert_policy" ON "public"."member"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK (role <> 'OWNER' OR (select auth.jwt_claim('role')) = 'OWNER');

CREATE POLICY "member_update_policy" ON "public"."member"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING (deleted_at IS NULL)
  WITH CHECK (role <> 'OWNER' OR (select auth.jwt_claim('role')) = 'OWNER');

CREATE POLICY "member_delete_policy" ON "public"."member"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING (deleted_at IS NULL);

ALTER TABLE "public"."task" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."task" FORCE ROW LEVEL SECURITY;

CREATE POLICY "task_tenant_select" ON "public"."task"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "task_tenant_insert" ON "public"."task"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "task_tenant_update" ON "public"."task"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid)
  WITH CHECK ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

CREATE POLICY "task_tenant_delete" ON "public"."task"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING ("workspace_id" = (SELECT "auth"."jwt_claim"('workspace_id'))::uuid);

-- Comments
COMMENT ON TABLE "app"."workspace" IS 'A tenant. Lives in the `app` schema; was called Organization before.';

COMMENT ON COLUMN "app"."workspace"."owner_id" IS 'Workspace -> Member -> Workspace is a cycle: this side is checked at commit.';

COMMENT ON TABLE "public"."audit_log" IS 'Audit trail, one partition per region (LIST) and a DEFAULT partition for the rest.';

COMMENT ON TABLE "public"."document" IS 'Specification documents.';

COMMENT ON TABLE "public"."event" IS 'Product analytics, one partition per month (bounds in UTC) and a DEFAULT partition.';

COMMENT ON TABLE "public"."login_attempt" IS 'Sign-in attempts, spread over two hash partitions by workspace.';

COMMENT ON COLUMN "public"."task"."search_vector" IS 'Maintained by the application (generated columns need PostgreSQL 12).';

COMMENT ON TABLE "public"."task_document" IS 'One-to-one between a task and its specification document.';

COMMENT ON TABLE "public"."task_label" IS 'Many-to-many between tasks and labels.';

COMMENT ON TABLE "public"."task_stage" IS 'Workflow stages. Row 1 is the stage a task falls back to when its own is deleted.';
