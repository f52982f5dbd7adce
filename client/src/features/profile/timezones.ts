import type { SelectOption } from "../../components/ui/select";

const fallback = [
  "UTC",
  "Africa/Lagos",
  "Africa/Nairobi",
  "America/Chicago",
  "America/Los_Angeles",
  "America/New_York",
  "America/Sao_Paulo",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Europe/Berlin",
  "Europe/London",
  "Europe/Paris",
];

let cached: SelectOption[] | undefined;

/** Every IANA zone the browser knows, plus the one given (so a stored zone is always selectable). */
export function timezoneOptions(include: string): SelectOption[] {
  if (!cached) {
    let zones: string[];
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = fallback;
    }
    if (!zones.includes("UTC")) zones = ["UTC", ...zones];
    cached = zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }));
  }
  return include && !cached.some((o) => o.value === include) ? [{ value: include, label: include }, ...cached] : cached;
}
