CREATE TABLE "library_counts" (
	"favorite" boolean NOT NULL,
	"status" "library_status" NOT NULL,
	"state" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "library_counts_favorite_status_state_pk" PRIMARY KEY("favorite","status","state")
);
--> statement-breakpoint
ALTER TABLE "library_items" ADD COLUMN "prompt" text;--> statement-breakpoint
-- Search moves to the library row (no join): carry the prompts over before their old column goes.
UPDATE "library_items" AS li SET "prompt" = s."prompt" FROM "task_snapshots" AS s WHERE s."id" = li."id";--> statement-breakpoint
DROP INDEX "task_snapshots_prompt_trgm_idx";--> statement-breakpoint
CREATE INDEX "library_items_prompt_trgm_idx" ON "library_items" USING gin ("prompt" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "task_snapshots" DROP COLUMN "prompt";
