// Core layer: the public URLs of Mujaz, built here alone — the absolute ones our emails and the feed point readers
// to, and the site-relative ones our own pages link and post to. The HTTP edge registers the routes they name
// (http/routes.ts); a test checks that every one of them is served.

/** A link's token as the search part of its URL: `?token=…`, encoded (a signed token holds `+`, `/` and `=`). */
export function tokenSearch(token: string): string {
  return `?token=${encodeURIComponent(token)}`;
}

/** The paths of the reader's pages, as our own pages link to them (relative to the site's root). */
export const sitePaths = {
  /** The subscribe page; in another of the newsletter's languages with `?lang=`. */
  home: (language?: string): string => (language === undefined ? '/' : `/?lang=${encodeURIComponent(language)}`),
  /** Where the subscribe form posts. */
  subscribe: (): string => '/subscriptions',
  confirm: (token: string): string => `/subscriptions/confirm${tokenSearch(token)}`,
  unsubscribe: (token: string): string => `/unsubscribe${tokenSearch(token)}`,
  /** The goodbye page's button: a new subscription for the reader the unsubscribe link names. */
  resubscribe: (token: string): string => `/resubscribe${tokenSearch(token)}`,
  archive: (): string => '/archive',
  /** An edition's web page in the archive. */
  edition: (editionId: string): string => `/archive/${encodeURIComponent(editionId)}`,
  feed: (): string => '/feed.xml',
  /** The console's pages: the overview, and the shell's own forms. */
  console: (): string => '/console',
  /** The sign-in form; in another of the newsletter's languages with `?lang=`. */
  consoleSignIn: (language?: string): string =>
    language === undefined ? '/console/sign-in' : `/console/sign-in?lang=${encodeURIComponent(language)}`,
  /** A mailed sign-in link: GET asks, its POST signs in. */
  consoleSignInConfirm: (token: string): string => `/console/sign-in/confirm${tokenSearch(token)}`,
  consoleSignOut: (): string => '/console/sign-out',
  consoleLanguage: (): string => '/console/language',
  /** The next edition as a send would make it now, its email as readers get it, and its forms. */
  consoleNext: (): string => '/console/next',
  consoleNextPreview: (): string => '/console/next/preview',
  /** An editor's action on a waiting report (console-next-routes.ts). */
  consoleReport: (reportId: string): string => `/console/reports/${encodeURIComponent(reportId)}`,
  consoleSend: (): string => '/console/send',
  /** The editions sent, newest first; older ones with `?before=<number>`. */
  consoleEditions: (): string => '/console/editions',
  consoleEdition: (editionId: string): string => `/console/editions/${encodeURIComponent(editionId)}`,
  consoleEditionRetry: (editionId: string): string => `/console/editions/${encodeURIComponent(editionId)}/retry`,
  /** The operators' changes, newest first. */
  consoleActivity: (): string => '/console/activity',
  /** The reports: newest first, or searched by title, from a page's position on. */
  consoleReports: (query: { title?: string; after?: string } = {}): string => {
    const search = new URLSearchParams(
      Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
    );
    return search.size > 0 ? `/console/reports?${search}` : '/console/reports';
  },
  /** A report from its web address: served by the sources function, which alone reaches the web. */
  consoleReportByUrl: (): string => '/console/reports/by-url',
  /** The readers' section; an address is looked up by POST, never in a URL. */
  consoleSubscribers: (): string => '/console/subscribers',
  consoleSubscriberLookup: (): string => '/console/subscribers/lookup',
  consoleSubscriberImport: (): string => '/console/subscribers/import',
  consoleSubscriberImportProgress: (id: string): string => `/console/subscribers/imports/${encodeURIComponent(id)}`,
  consoleSubscribersExport: (status: 'confirmed' | 'all'): string =>
    status === 'all' ? '/console/subscribers.csv?status=all' : '/console/subscribers.csv',
  /** The feed sources: served by the sources function (it carries the web fetcher). */
  consoleSources: (): string => '/console/sources',
  consoleSourceAction: (id: string, action: 'pause' | 'resume' | 'poll'): string =>
    `/console/sources/${encodeURIComponent(id)}/${action}`,
};

export interface PublicLinks {
  confirmUrl(token: string): string;
  unsubscribeUrl(token: string): string;
  /** The edition's web page in the archive, which the email's headlines and "view in browser" link to. */
  editionUrl(editionId: string): string;
  /** The subscribe page. */
  homeUrl(): string;
  archiveUrl(): string;
  feedUrl(): string;
  /** A console sign-in link, as the sign-in email carries it. */
  consoleSignInUrl(token: string): string;
}

/** The site's paths under the public base URL (MUJAZ_PUBLIC_BASE_URL), for what leaves the site: emails, the feed. */
export function publicLinks(publicBaseUrl: string): PublicLinks {
  const base = publicBaseUrl.replace(/\/+$/u, '');
  return {
    confirmUrl: (token) => `${base}${sitePaths.confirm(token)}`,
    unsubscribeUrl: (token) => `${base}${sitePaths.unsubscribe(token)}`,
    editionUrl: (editionId) => `${base}${sitePaths.edition(editionId)}`,
    homeUrl: () => `${base}${sitePaths.home()}`,
    archiveUrl: () => `${base}${sitePaths.archive()}`,
    feedUrl: () => `${base}${sitePaths.feed()}`,
    consoleSignInUrl: (token) => `${base}${sitePaths.consoleSignInConfirm(token)}`,
  };
}
