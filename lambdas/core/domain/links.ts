// Core layer: the public URLs our emails point readers to.

export interface PublicLinks {
  confirmUrl(token: string): string;
  unsubscribeUrl(token: string): string;
  /** The edition's web page in the archive, which the email's headlines and "view in browser" link to. */
  editionUrl(editionId: string): string;
  /** The subscribe page. */
  homeUrl(): string;
  archiveUrl(): string;
  feedUrl(): string;
}

export function publicLinks(publicBaseUrl: string): PublicLinks {
  const base = publicBaseUrl.replace(/\/+$/u, '');
  const withToken = (path: string, token: string): string => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (token) => withToken('/subscriptions/confirm', token),
    unsubscribeUrl: (token) => withToken('/unsubscribe', token),
    editionUrl: (editionId) => `${base}/archive/${encodeURIComponent(editionId)}`,
    homeUrl: () => `${base}/`,
    archiveUrl: () => `${base}/archive`,
    feedUrl: () => `${base}/feed.xml`,
  };
}
