-- legacy-examples__schema (hash 8082c3f904d2c571979471eab4dffdaacd2978d81865ee0c11d91e260cf6391a)

-- Extensions
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- Schemas
CREATE SCHEMA IF NOT EXISTS "wesley";

-- Helper functions
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
CREATE TABLE "public"."comment" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "post_id" uuid NOT NULL,
  "user_id" uuid NOT NULL,
  "content" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."post" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "user_id" uuid NOT NULL,
  "title" text NOT NULL,
  "content" text,
  "published" boolean NOT NULL DEFAULT (false),
  "published_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "post_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."user" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "email" text NOT NULL,
  "password_hash" text NOT NULL,
  "username" text,
  "theme" text DEFAULT ('light'),
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "user_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "user_email_key" UNIQUE ("email"),
  CONSTRAINT "user_username_key" UNIQUE ("username"),
  CONSTRAINT "user_password_hash_check" CHECK (char_length(password_hash) = 60)
);

-- Indexes
CREATE INDEX "comment_post_id_idx" ON "public"."comment" ("post_id");

CREATE INDEX "comment_user_id_idx" ON "public"."comment" ("user_id");

CREATE INDEX "post_user_id_idx" ON "public"."post" ("user_id");

CREATE INDEX "user_email_idx" ON "public"."user" ("email");

-- Foreign keys
ALTER TABLE "public"."comment" ADD CONSTRAINT "comment_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "public"."post" ("id");

ALTER TABLE "public"."comment" ADD CONSTRAINT "comment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id");

ALTER TABLE "public"."post" ADD CONSTRAINT "post_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id");

-- updated_at triggers
CREATE TRIGGER "user_updated_at_touch" BEFORE UPDATE ON "public"."user" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at');

-- Row-level security
ALTER TABLE "public"."post" ENABLE ROW LEVEL SECURITY;

ALTER TABLE "public"."post" FORCE ROW LEVEL SECURITY;

CREATE POLICY "post_select_policy" ON "public"."post"
  AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (true);

CREATE POLICY "post_insert_policy" ON "public"."post"
  AS PERMISSIVE FOR INSERT TO PUBLIC
  WITH CHECK (auth.uid() = user_id);

CREATE POLICY "post_update_policy" ON "public"."post"
  AS PERMISSIVE FOR UPDATE TO PUBLIC
  USING (auth.uid() = user_id)
  WITH CHECK (auth.uid() = user_id);

CREATE POLICY "post_delete_policy" ON "public"."post"
  AS PERMISSIVE FOR DELETE TO PUBLIC
  USING (auth.uid() = user_id);
