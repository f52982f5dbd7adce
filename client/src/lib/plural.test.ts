import { describe, expect, it } from "vitest";
import { nounFor, plural } from "./plural";

describe("plural", () => {
  it("says one coordinator and two coordinators", () => {
    expect(plural(1, "coordinator")).toBe("1 coordinator");
    expect(plural(2, "coordinator")).toBe("2 coordinators");
  });

  it("uses the plural for zero and for fractions, as English does", () => {
    expect(plural(0, "mentor")).toBe("0 mentors");
    expect(plural(1.5, "hour")).toBe("1.5 hours");
  });

  it("takes an irregular plural and groups large counts", () => {
    expect(plural(1, "person", "people")).toBe("1 person");
    expect(plural(1250, "person", "people")).toBe("1,250 people");
  });

  it("gives just the agreeing noun for sentences that place the number themselves", () => {
    expect(nounFor(1, "seat")).toBe("seat");
    expect(nounFor(3, "seat")).toBe("seats");
  });
});
