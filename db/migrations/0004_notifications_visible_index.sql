DROP INDEX "notifications_user_created";--> statement-breakpoint
CREATE INDEX "notifications_user_visible" ON "notifications" USING btree ("user_id","visible_at" DESC NULLS LAST,"id" DESC NULLS LAST);