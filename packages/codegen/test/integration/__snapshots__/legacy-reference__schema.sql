-- legacy-reference__schema (hash 33167e44dbbf0b46b49de54efe1d9614cc248b74d069afc1bb7b4ca8ab40b056)

-- Extensions
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

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
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "post_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."tag" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "name" text NOT NULL,
  "slug" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "tag_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "tag_name_key" UNIQUE ("name"),
  CONSTRAINT "tag_slug_key" UNIQUE ("slug")
);

CREATE TABLE "public"."user" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "email" text NOT NULL,
  "username" text,
  "display_name" text,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  "updated_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "user_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "user_email_key" UNIQUE ("email"),
  CONSTRAINT "user_username_key" UNIQUE ("username")
);

-- Indexes
CREATE INDEX "comment_post_id_idx" ON "public"."comment" ("post_id");

CREATE INDEX "comment_user_id_idx" ON "public"."comment" ("user_id");

CREATE INDEX "post_user_id_idx" ON "public"."post" ("user_id");

CREATE INDEX "tag_name_idx" ON "public"."tag" ("name");

CREATE INDEX "tag_slug_idx" ON "public"."tag" ("slug");

CREATE INDEX "user_email_idx" ON "public"."user" ("email");

-- Foreign keys
ALTER TABLE "public"."comment" ADD CONSTRAINT "comment_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "public"."post" ("id");

ALTER TABLE "public"."comment" ADD CONSTRAINT "comment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id");

ALTER TABLE "public"."post" ADD CONSTRAINT "post_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id");
