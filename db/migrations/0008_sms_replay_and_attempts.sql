CREATE TABLE "twilio_webhook_receipts" (
	"kind" text NOT NULL,
	"message_sid" text NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "twilio_webhook_receipts_kind_message_sid_status_pk" PRIMARY KEY("kind","message_sid","status")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "send_attempted_at" timestamp with time zone;