-- Prompt search (ILIKE) uses a trigram index; pg_trgm is a trusted extension (PostgreSQL 13+) and ships with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."library_source" AS ENUM('paste', 'lookup', 'share', 'import', 'webhook', 'provider');--> statement-breakpoint
CREATE TYPE "public"."library_status" AS ENUM('unread', 'found', 'not_found');--> statement-breakpoint
CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_items" (
	"slug" text NOT NULL,
	"position" integer NOT NULL,
	"task_id" text NOT NULL,
	CONSTRAINT "collection_items_slug_position_pk" PRIMARY KEY("slug","position")
);
--> statement-breakpoint
CREATE TABLE "collections" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_items" (
	"id" text PRIMARY KEY NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"source" "library_source" NOT NULL,
	"favorite" boolean DEFAULT false NOT NULL,
	"status" "library_status" DEFAULT 'unread' NOT NULL,
	"state" text,
	"sort_time" bigint NOT NULL,
	"sort_fixed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"task" jsonb NOT NULL,
	"state" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"media_expires_at" timestamp with time zone,
	"prompt" text
);
--> statement-breakpoint
ALTER TABLE "collection_items" ADD CONSTRAINT "collection_items_slug_collections_slug_fk" FOREIGN KEY ("slug") REFERENCES "public"."collections"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_items_sort_idx" ON "library_items" USING btree ("sort_time","id");--> statement-breakpoint
CREATE INDEX "library_items_state_sort_idx" ON "library_items" USING btree ("state","sort_time","id");--> statement-breakpoint
CREATE INDEX "library_items_status_sort_idx" ON "library_items" USING btree ("status","sort_time","id");--> statement-breakpoint
CREATE INDEX "library_items_favorite_sort_idx" ON "library_items" USING btree ("sort_time","id") WHERE "library_items"."favorite";--> statement-breakpoint
CREATE INDEX "library_items_unread_idx" ON "library_items" USING btree ("added_at","id") WHERE "library_items"."status" = 'unread';--> statement-breakpoint
CREATE INDEX "library_items_unfinished_idx" ON "library_items" USING btree ("id") WHERE "library_items"."state" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "task_snapshots_prompt_trgm_idx" ON "task_snapshots" USING gin ("prompt" gin_trgm_ops);