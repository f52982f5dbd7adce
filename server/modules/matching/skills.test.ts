import { describe, expect, it } from "vitest";
import { canonicalSkill, canonicalSkills, normalizeSkill, SkillIndex, seededSynonyms, trigramSimilarity, trigrams } from "./skills";

const keyOf = (raw: string) => canonicalSkill(raw)?.key;

describe("normalizeSkill", () => {
  it("lower-cases, trims and collapses whitespace", () => {
    expect(normalizeSkill("  Machine   Learning \t")).toBe("machine learning");
  });

  it("treats punctuation as word breaks and drops dots and apostrophes", () => {
    expect(normalizeSkill("machine-learning")).toBe("machine learning");
    expect(normalizeSkill("UX/UI, (design)")).toBe("ux ui design");
    expect(normalizeSkill("Node.js")).toBe("nodejs");
    expect(normalizeSkill("O'Reilly")).toBe("oreilly");
    expect(normalizeSkill("Python.")).toBe("python");
  });

  it("applies NFKC so full-width letters and ligatures read as plain text", () => {
    expect(normalizeSkill("ＴｙｐｅＳｃｒｉｐｔ")).toBe("typescript");
    expect(normalizeSkill("ﬁnance")).toBe("finance");
    expect(normalizeSkill("Cafe\u0301")).toBe("café");
  });

  it("keeps + and # as suffixes so C, C++ and C# stay three skills", () => {
    expect(normalizeSkill("C")).toBe("c");
    expect(normalizeSkill("C++")).toBe("c++");
    expect(normalizeSkill("C#")).toBe("c#");
    expect(normalizeSkill("#javascript")).toBe("javascript");
    expect(normalizeSkill("+ ")).toBe("");
  });
});

describe("canonicalSkill and the synonym table", () => {
  it.each([
    ["JS", "JavaScript", "ecmascript"],
    ["ts", "TypeScript", "Type Script"],
    ["ML", "machine learning", "Machine-Learning"],
    ["AI", "artificial intelligence", "Artificial Intelligence"],
    ["PM", "product management", "Product Management"],
    ["UX", "user experience", "User-Experience"],
    ["k8s", "Kubernetes", "KUBERNETES"],
    ["node", "node.js", "NodeJS"],
    ["py", "Python", "python3"],
    ["golang", "Go", "go lang"],
    ["react.js", "React", "ReactJS"],
    ["postgres", "PostgreSQL", "Postgre SQL"],
    ["c#", "csharp", "C Sharp"],
  ])("%s, %s and %s are one skill", (a, b, c) => {
    expect(keyOf(a)).toBe(keyOf(b));
    expect(keyOf(b)).toBe(keyOf(c));
  });

  it("keeps similar-looking but different skills apart", () => {
    expect(keyOf("Java")).not.toBe(keyOf("JavaScript"));
    expect(keyOf("C")).not.toBe(keyOf("C++"));
    expect(keyOf("C++")).not.toBe(keyOf("C#"));
    expect(keyOf("PM")).not.toBe(keyOf("project management"));
  });

  it("shows the table's spelling for known skills and the person's own words otherwise", () => {
    expect(canonicalSkill("k8s")?.label).toBe("Kubernetes");
    expect(canonicalSkill("  Public   speaking ")).toEqual({ key: "public speaking", label: "Public speaking" });
  });

  it("gives null for input that names no skill", () => {
    expect(canonicalSkill(" -- ")).toBeNull();
    expect(canonicalSkill("")).toBeNull();
  });

  it("de-duplicates a list by canonical skill, first spelling wins", () => {
    expect(canonicalSkills(["JS", "javascript", "TS", ""]).map((s) => s.label)).toEqual(["JavaScript", "TypeScript"]);
  });

  it("seeds about forty skills, none of whose aliases is claimed twice (the table throws at load if so)", () => {
    expect(seededSynonyms.length).toBeGreaterThanOrEqual(40);
    const keys = seededSynonyms.map((e) => keyOf(e.label));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("trigram similarity, as pg_trgm defines it", () => {
  it("pads words with two spaces in front and one behind (pg_trgm docs: show_trgm('cat'))", () => {
    expect([...trigrams("cat")].sort()).toEqual(["  c", " ca", "at ", "cat"]);
  });

  it("splits on non-alphanumerics, lower-cases and keeps a set", () => {
    expect([...trigrams("A-a")].sort()).toEqual(["  a", " a "]);
  });

  it("similarity('word', 'two words') = 4/11 (pg_trgm docs)", () => {
    expect(trigramSimilarity("word", "two words")).toBeCloseTo(4 / 11, 12);
  });

  it("similarity('postgres', 'postgresql') = 8/12 by hand", () => {
    // 9 trigrams vs 11, sharing "  p", " po", pos, ost, stg, tgr, gre, res.
    expect(trigramSimilarity("postgres", "postgresql")).toBeCloseTo(8 / 12, 12);
  });

  it("similarity('abc', 'abd') = 2/6 and identical strings give 1, blank strings 0", () => {
    expect(trigramSimilarity("abc", "abd")).toBeCloseTo(2 / 6, 12);
    expect(trigramSimilarity("Hello World", "hello world")).toBe(1);
    expect(trigramSimilarity("", "")).toBe(0);
    expect(trigramSimilarity("abc", "")).toBe(0);
  });
});

describe("SkillIndex", () => {
  const index = new SkillIndex();
  for (const raw of ["Kubernetes", "React", "C", "C++", "C#", "Java", "JavaScript", "React Native"]) index.intern(canonicalSkill(raw)!);
  const near = (raw: string) => index.nearMatches(canonicalSkill(raw)!.key).map((id) => index.labels[id]);

  it("interns each canonical skill once", () => {
    expect(index.intern(canonicalSkill("k8s")!)).toBe(index.idOf("kubernetes"));
    expect(index.size).toBe(8);
  });

  it("finds near matches at similarity 0.5 or more, never the exact skill itself", () => {
    // "kubernetes admin" shares all 11 of kubernetes' trigrams out of 17: 0.65.
    expect(near("Kubernetes admin")).toEqual(["Kubernetes"]);
    expect(near("Kubernetes")).toEqual([]);
  });

  it("does not count C, C++ and C# as near each other, nor Java and JavaScript", () => {
    expect(near("C#")).toEqual([]);
    expect(near("C++")).toEqual([]);
    expect(near("Java")).toEqual([]);
    // 6 of 13 trigrams: 0.46, just under the bar.
    expect(near("React")).toEqual([]);
  });
});
