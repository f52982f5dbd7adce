import type { AvailabilityInput, SessionOutput } from "@shared/modules/scheduling/scheduling.schema";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type Availability = RouterOutputs["scheduling"]["myAvailability"];
export type CalendarSession = SessionOutput;
export type { AvailabilityInput };

export const schedulingKeys = {
  root: ["scheduling"] as const,
  availability: ["scheduling", "availability"] as const,
};

export const calendarQueries = {
  availability: () => ({
    queryKey: schedulingKeys.availability,
    queryFn: () => trpc.scheduling.myAvailability.query(),
    // A person who mentors nowhere gets FORBIDDEN: asking again will not change that.
    retry: false,
  }),
};

/** The sessions in [from, to): what the calendar's function source asks for each visible range. */
export function fetchSessions(from: Date, to: Date): Promise<CalendarSession[]> {
  return trpc.scheduling.mySessions.query({ from: from.toISOString(), to: to.toISOString() });
}

export const saveAvailability = (input: AvailabilityInput) => trpc.scheduling.saveAvailability.mutate(input);

export const sessionStatusLabels: Record<CalendarSession["status"], string> = {
  requested: "Requested",
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  completed: "Completed",
  no_show: "No-show",
};

/** One colour per status, always shown with its word too (legend, dialog), never colour alone. */
export const sessionStatusColors: Record<CalendarSession["status"], string> = {
  requested: "#b45309",
  confirmed: "#4338ca",
  cancelled: "#64748b",
  completed: "#15803d",
  no_show: "#b91c1c",
};
