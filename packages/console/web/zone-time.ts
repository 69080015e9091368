/**
 * Times as the viewer reads them: in the browser's own time zone (Intl), with the
 * zone named, whatever zone the server or the feed runs in.
 */

/** The viewer's time zone as the browser reports it ("Europe/London"). */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const parts = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: viewerZone(), ...options }).format(new Date(iso));

/** "16:13:33" in the viewer's zone. */
export function zoneTime(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return "–";
  return parts(iso, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}

/** "Sun 22 May 2022" in the viewer's zone. */
export function zoneDate(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return "–";
  return parts(iso, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/** "16:00 BST": a clock time with the zone's short name, for a fixture's start. */
export function zoneClock(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return "–";
  return parts(iso, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
}
