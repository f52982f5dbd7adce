/**
 * Skill names as people type them ("JS", "Node.js ", "machine-learning", "ＴｙｐｅＳｃｒｉｐｔ") reduced to one key per
 * skill, so that a mentee asking for "JS" finds a mentor who wrote "JavaScript". Near misses ("Postgre SQL" vs
 * "PostgreSQL", "kubernetes admin" vs "kubernetes") count as partial matches through trigram similarity, defined
 * exactly as PostgreSQL's pg_trgm `similarity()` so a later SQL pre-filter agrees with this code.
 */

/** pg_trgm's default `pg_trgm.similarity_threshold` is 0.3; we ask for more so a partial match means something. */
export const PARTIAL_MATCH_THRESHOLD = 0.5;

/**
 * Lower-case, NFKC (full-width letters, ligatures), dots and apostrophes dropped ("node.js" = "nodejs"),
 * other punctuation as word breaks. "+" and "#" survive only as suffixes, because C, C++ and C# are three skills.
 */
export function normalizeSkill(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.'’`]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}+#]+/gu, " ")
    .replace(/(?<![\p{L}\p{M}\p{N}+#])[+#]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

interface SynonymEntry {
  label: string;
  aliases: readonly string[];
}

/**
 * The seeded synonym table. Keep aliases unambiguous inside a mentoring program: "pm" means product management
 * here (the commoner ask), so project management gets no short alias.
 */
export const seededSynonyms: readonly SynonymEntry[] = [
  { label: "JavaScript", aliases: ["js", "ecmascript", "es6", "es2015", "vanilla js"] },
  { label: "TypeScript", aliases: ["ts"] },
  { label: "Python", aliases: ["py", "python3", "python 3"] },
  { label: "Go", aliases: ["golang", "go lang"] },
  { label: "Rust", aliases: ["rustlang", "rust lang"] },
  { label: "Java", aliases: ["java se", "core java"] },
  { label: "C#", aliases: ["csharp", "c sharp"] },
  { label: "C++", aliases: ["cpp", "cplusplus", "c plus plus"] },
  { label: ".NET", aliases: ["dotnet", "dot net"] },
  { label: "Objective-C", aliases: ["objc", "obj c"] },
  { label: "Node.js", aliases: ["node", "nodejs"] },
  { label: "React", aliases: ["react.js", "reactjs"] },
  { label: "Vue", aliases: ["vue.js", "vuejs"] },
  { label: "Angular", aliases: ["angularjs", "angular.js"] },
  { label: "Ruby on Rails", aliases: ["rails", "ror"] },
  { label: "HTML", aliases: ["html5"] },
  { label: "CSS", aliases: ["css3"] },
  { label: "SQL", aliases: ["structured query language"] },
  { label: "PostgreSQL", aliases: ["postgres", "psql", "postgre"] },
  { label: "MySQL", aliases: ["my sql"] },
  { label: "MongoDB", aliases: ["mongo"] },
  { label: "GraphQL", aliases: ["gql"] },
  { label: "Kubernetes", aliases: ["k8s", "kube"] },
  { label: "Amazon Web Services", aliases: ["aws"] },
  { label: "Google Cloud", aliases: ["gcp", "google cloud platform"] },
  { label: "Microsoft Azure", aliases: ["azure"] },
  { label: "CI/CD", aliases: ["continuous integration", "continuous delivery", "continuous deployment"] },
  { label: "Site reliability engineering", aliases: ["sre"] },
  { label: "Machine learning", aliases: ["ml"] },
  { label: "Artificial intelligence", aliases: ["ai"] },
  { label: "Deep learning", aliases: ["dl"] },
  { label: "Natural language processing", aliases: ["nlp"] },
  { label: "Data analysis", aliases: ["data analytics"] },
  { label: "scikit-learn", aliases: ["sklearn"] },
  { label: "PyTorch", aliases: ["torch"] },
  { label: "TensorFlow", aliases: ["tensor flow"] },
  { label: "Business intelligence", aliases: ["bi"] },
  { label: "Product management", aliases: ["pm", "product manager"] },
  { label: "User experience", aliases: ["ux", "ux design", "user experience design"] },
  { label: "User interface design", aliases: ["ui", "ui design"] },
  { label: "Quality assurance", aliases: ["qa"] },
  { label: "Search engine optimisation", aliases: ["seo", "search engine optimization"] },
  { label: "Front-end development", aliases: ["frontend", "front end development", "frontend development"] },
  { label: "Back-end development", aliases: ["backend", "back end development", "backend development"] },
  { label: "Full-stack development", aliases: ["fullstack", "full stack development", "fullstack development"] },
  { label: "iOS development", aliases: ["ios"] },
  { label: "Android development", aliases: ["android"] },
  { label: "Microsoft Excel", aliases: ["excel", "ms excel"] },
  { label: "Career development", aliases: ["career growth", "career progression"] },
  { label: "Software engineering", aliases: ["software development"] },
];

const compact = (key: string) => key.replace(/ /g, "");

/** Alias key (normalised, and the same without spaces so "Type Script" finds TypeScript) -> table entry. */
const synonymLookup = (() => {
  const map = new Map<string, SynonymEntry>();
  const add = (form: string, entry: SynonymEntry) => {
    for (const key of [normalizeSkill(form), compact(normalizeSkill(form))]) {
      const existing = map.get(key);
      if (existing && existing !== entry) {
        throw new Error(`Synonym table: "${form}" is claimed by both ${existing.label} and ${entry.label}`);
      }
      map.set(key, entry);
    }
  };
  for (const entry of seededSynonyms) {
    add(entry.label, entry);
    for (const alias of entry.aliases) add(alias, entry);
  }
  return map;
})();

export interface CanonicalSkill {
  /** The comparison key: equal keys are the same skill. */
  key: string;
  /** What to show people: the table's spelling, or the person's own words tidied. */
  label: string;
}

/** Returns null for input that holds no letters or digits (", ", "--"): it names no skill. */
export function canonicalSkill(raw: string): CanonicalSkill | null {
  const normalized = normalizeSkill(raw);
  if (normalized === "") return null;
  const entry = synonymLookup.get(normalized) ?? synonymLookup.get(compact(normalized));
  if (entry) return { key: normalizeSkill(entry.label), label: entry.label };
  return { key: normalized, label: raw.normalize("NFKC").replace(/\s+/gu, " ").trim() };
}

/** Distinct skills from a list, first spelling wins (so "JS, javascript" is one wanted skill, not two). */
export function canonicalSkills(raw: readonly string[]): CanonicalSkill[] {
  const seen = new Set<string>();
  const out: CanonicalSkill[] = [];
  for (const r of raw) {
    const skill = canonicalSkill(r);
    if (skill && !seen.has(skill.key)) {
      seen.add(skill.key);
      out.push(skill);
    }
  }
  return out;
}

/**
 * pg_trgm's trigram set: lower-case, split into words on anything that is not a letter or digit, pad each word
 * with two spaces in front and one behind, take every 3-character window. Characters are code points, as
 * pg_trgm counts characters (not bytes) in a UTF-8 database.
 */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word === "") continue;
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

/** |A ∩ B| / |A ∪ B| over trigram sets, 0 when both are empty (as pg_trgm answers for two blank strings). */
export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigrams(a), trigrams(b));
}

function setSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * pg_trgm drops "#" and "+", which would make C, C# and C++ one word and so perfect near matches of each other.
 * Spelling them out keeps them apart while the similarity itself stays pg_trgm's.
 */
const trigramForm = (key: string) => key.replace(/#/g, "sharp").replace(/\+/g, "plus");

/**
 * The skills one program's mentors offer, each interned to a small integer so scoring compares numbers.
 * Near matches are found through a trigram -> skills posting list, so asking "what is close to X" costs the
 * length of X's posting lists, not the size of the vocabulary; answers are memoised per key.
 */
export class SkillIndex {
  readonly keys: string[] = [];
  readonly labels: string[] = [];
  private readonly idByKey = new Map<string, number>();
  private readonly trigramCounts: number[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly nearMemo = new Map<string, readonly number[]>();

  get size(): number {
    return this.keys.length;
  }

  intern(skill: CanonicalSkill): number {
    const known = this.idByKey.get(skill.key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(skill.key);
    this.labels.push(skill.label);
    this.idByKey.set(skill.key, id);
    const grams = trigrams(trigramForm(skill.key));
    this.trigramCounts.push(grams.size);
    for (const g of grams) {
      const list = this.postings.get(g);
      if (list) list.push(id);
      else this.postings.set(g, [id]);
    }
    this.nearMemo.clear();
    return id;
  }

  /** The id of exactly this skill key, or -1 when no mentor offers it. */
  idOf(key: string): number {
    return this.idByKey.get(key) ?? -1;
  }

  /** Ids of other skills whose trigram similarity to `key` reaches PARTIAL_MATCH_THRESHOLD. */
  nearMatches(key: string): readonly number[] {
    const memo = this.nearMemo.get(key);
    if (memo) return memo;
    const grams = trigrams(trigramForm(key));
    const shared = new Map<number, number>();
    for (const g of grams) {
      for (const id of this.postings.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const exact = this.idOf(key);
    const out: number[] = [];
    for (const [id, count] of shared) {
      if (id === exact) continue;
      const similarity = count / (grams.size + this.trigramCounts[id]! - count);
      if (similarity >= PARTIAL_MATCH_THRESHOLD) out.push(id);
    }
    out.sort((x, y) => x - y);
    this.nearMemo.set(key, out);
    return out;
  }
}
