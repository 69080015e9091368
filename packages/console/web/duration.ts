/**
 * A duration as h:mm:ss, with milliseconds under a minute (0:00:00.042, 0:00:12.350,
 * 0:03:25, 1:02:03): the one format of every duration the console shows, so a model's
 * 40 ms and a match's two hours read on the same scale.
 */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 60_000) {
    // Rounded to the millisecond first: 59999.6 ms is a minute, not 0:00:60.000.
    const whole = Math.round(ms);
    if (whole < 60_000) return `0:00:${(whole / 1000).toFixed(3).padStart(6, "0")}`;
  }
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
