// Core port: each web host's one page slot (requests-per-host.ts), leased by the poll that fetches a page there
// while another poll holds the host's FIFO group — shared by every poller (one DynamoDB item per host).

/** A page slot held: given back through release(), or free again by itself once `until` has passed. */
export interface PageSlotLease {
  /** The host, as pageSlotHost names it. */
  host: string;
  /** Who holds it: chosen by the adapter, unique to this lease. */
  holder: string;
  /** When the lease runs out (ISO 8601): from then on another poll may take the slot. */
  until: string;
}

/** Takes and gives back hosts' page slots, one holder per host at a time, across every process. */
export interface PageHostSlots {
  /**
   * Takes `host`'s slot until `until` when nobody holds it, or its last lease ran out before `now`; undefined when
   * another holder has it. Two takers at once never both get it.
   */
  take(host: string, now: Date, until: Date): Promise<PageSlotLease | undefined>;
  /** Gives the slot back if this lease still holds it; a slot taken over since (the lease ran out) is left alone. */
  release(lease: PageSlotLease): Promise<void>;
}
