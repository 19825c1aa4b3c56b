-- legacy-examples__ecommerce (hash f1e1ac9b21d828605e105e369b99a6a36bf14dabff450cd073f800154c55d5c5)

-- Extensions
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- Tables
CREATE TABLE "public"."order" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "order_number" text NOT NULL,
  "user_id" uuid NOT NULL,
  "status" text NOT NULL,
  "total_cents" integer NOT NULL,
  "payment_intent_id" text,
  "paid_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "order_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "order_order_number_key" UNIQUE ("order_number"),
  CONSTRAINT "order_payment_intent_id_key" UNIQUE ("payment_intent_id")
);

CREATE TABLE "public"."order_item" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "order_id" uuid NOT NULL,
  "product_id" uuid NOT NULL,
  "quantity" integer NOT NULL,
  "unit_price_cents" integer NOT NULL,
  CONSTRAINT "order_item_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."product" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "sku" text NOT NULL,
  "name" text NOT NULL,
  "slug" text NOT NULL,
  "price_cents" integer NOT NULL,
  "stock_quantity" integer NOT NULL DEFAULT (0),
  "published" boolean NOT NULL DEFAULT (false),
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "product_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "product_sku_key" UNIQUE ("sku"),
  CONSTRAINT "product_slug_key" UNIQUE ("slug")
);

CREATE TABLE "public"."user" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "email" text NOT NULL,
  "password_hash" text NOT NULL,
  "full_name" text,
  "phone" text,
  "email_verified" boolean NOT NULL DEFAULT (false),
  "created_at" timestamp with time zone NOT NULL DEFAULT (now()),
  CONSTRAINT "user_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "user_email_key" UNIQUE ("email")
);

-- Indexes
CREATE INDEX "order_user_id_idx" ON "public"."order" ("user_id");

CREATE INDEX "order_item_order_id_idx" ON "public"."order_item" ("order_id");

CREATE INDEX "order_item_product_id_idx" ON "public"."order_item" ("product_id");

CREATE INDEX "product_slug_idx" ON "public"."product" ("slug");

CREATE INDEX "product_published_idx" ON "public"."product" ("published");

-- Foreign keys
ALTER TABLE "public"."order" ADD CONSTRAINT "order_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id");

ALTER TABLE "public"."order_item" ADD CONSTRAINT "order_item_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "public"."order" ("id");

ALTER TABLE "public"."order_item" ADD CONSTRAINT "order_item_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "public"."product" ("id");
