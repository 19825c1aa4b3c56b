-- legacy-blade__schema-v1 (hash e2a01e1b575db570115fcdd13f18744adc7e567d468861082896cbe0f888da1e)

-- Tables
CREATE TABLE "public"."user" (
  "id" uuid NOT NULL,
  "email" text NOT NULL,
  CONSTRAINT "user_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "user_email_key" UNIQUE ("email")
);
