// English plural categories from the platform ("one" only for exactly 1), so the rule lives in one place
// if the UI is ever translated. The count is formatted for the reader ("1,250 sessions").
const rules = new Intl.PluralRules("en");
const numbers = new Intl.NumberFormat("en");

/** "1 coordinator", "2 coordinators", "0 people": a count with the noun form that agrees with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${numbers.format(n)} ${nounFor(n, one, many)}`;
}

/** Just the noun that agrees with `n` ("seat" / "seats"), for sentences that place the number themselves. */
export function nounFor(n: number, one: string, many = `${one}s`): string {
  return rules.select(n) === "one" ? one : many;
}
