// Core layer: the time zone a newsletter lives in — where its schedule fires and the day its emails print. One check,
// for the configuration the functions read and the CDK app that sets it. It imports nothing, so lib/ imports it too.

/**
 * A zone's name as the IANA database spells it — `Asia/Riyadh`, `America/Argentina/Buenos_Aires`, `Etc/GMT+3`,
 * `UTC` — never a bare offset: newer Node versions take `+03:00` as a zone, EventBridge Scheduler does not, and an
 * offset has no summer time, so the schedule would drift by an hour twice a year.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/u;

/** Whether `zone` names an IANA time zone this runtime knows (so that every date we print can be formatted in it). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
