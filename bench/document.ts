/**
 * The generated parts of BENCHMARKS.md: each sits between `<!-- bench:ID:start -->` and
 * `<!-- bench:ID:end -->` and is rewritten by `npm run bench -- --write`.
 */
export const startMarker = (id: string) => `<!-- bench:${id}:start -->`;
export const endMarker = (id: string) => `<!-- bench:${id}:end -->`;

/** The text between a block's markers, or undefined when the markers are missing. */
export function readBlock(text: string, id: string): string | undefined {
  const start = text.indexOf(startMarker(id));
  const end = text.indexOf(endMarker(id));
  if (start < 0 || end < start) return undefined;
  return text.slice(start + startMarker(id).length, end).trim();
}

/** The document with a block's contents replaced; missing markers are an error, not a silent append. */
export function replaceBlock(text: string, id: string, contents: string): string {
  const start = text.indexOf(startMarker(id));
  const end = text.indexOf(endMarker(id));
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${startMarker(id)} ... ${endMarker(id)} block`);
  return `${text.slice(0, start + startMarker(id).length)}\n${contents}\n${text.slice(end)}`;
}

/** The case names of a generated table, in order. */
export function tableCases(block: string): string[] {
  return block
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| case ") && !line.startsWith("| ---"))
    .map((line) => line.slice(2, line.indexOf(" | ")));
}
