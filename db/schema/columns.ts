import { customType } from "drizzle-orm/pg-core";

// drizzle-orm 0.45 pg-core has no bytea or citext builders; these custom types fill the gap.
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // postgres.js returns a Buffer, PGlite a Uint8Array: normalise so comparisons behave the same.
  fromDriver: (value) => new Uint8Array(value),
});

export const citext = customType<{ data: string; driverData: string }>({
  dataType: () => "citext",
});
