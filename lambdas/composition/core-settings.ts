// Composition: the few settings the use cases need, shared by every composition (compose-*.ts); the config has them.
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';

export interface CoreSettings {
  newsletter: NewsletterIdentity;
  timeZone: string;
  /** The digest's cron expression (the console's next send); absent where no schedule sends (locally). */
  digestSchedule?: string;
  publicBaseUrl: string;
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long. */
  confirmationCooldownMs: number;
  /** Subscribe requests one client (network address) may make per minute. */
  subscribesPerClientPerMinute: number;
  /** Reports each email carries in full; the rest are headlines linking to the edition's web page. */
  featuredReports: number;
  /** The longest one delivery attempt may run (the deliver function's timeout). */
  staleClaimMs: number;
  /** The console's operators: the addresses a sign-in link is mailed to (MUJAZ_OPERATORS, `mujaz:operators`). */
  operators: readonly string[];
}
