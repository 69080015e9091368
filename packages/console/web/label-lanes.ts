/**
 * Places labels left to right in lanes from the top of the plot: each in the first lane
 * whose last label ends before it starts, so no two overlap; a label that finds no
 * lane among `lanes` is left out (its line stays, and the event log has it).
 */
export function layLabels(labels: Array<{ x: number; width: number }>, lanes: number, gap = 4): Array<number | null> {
  const ends: number[] = [];
  const order = labels.map((_, i) => i).sort((a, b) => labels[a].x - labels[b].x);
  const lane: Array<number | null> = labels.map(() => null);
  for (const i of order) {
    const { x, width } = labels[i];
    let k = ends.findIndex((end) => end + gap <= x);
    if (k < 0 && ends.length < lanes) k = ends.push(-Infinity) - 1;
    if (k < 0) continue;
    ends[k] = x + width;
    lane[i] = k;
  }
  return lane;
}
