// Core layer: the public URLs our emails point readers to.

export interface PublicLinks {
  confirmUrl(token: string): string;
  unsubscribeUrl(token: string): string;
  /** The edition's web page, which the email's headlines link to. */
  editionUrl(editionId: string): string;
}

export function publicLinks(publicBaseUrl: string): PublicLinks {
  const base = publicBaseUrl.replace(/\/+$/u, '');
  const withToken = (path: string, token: string): string => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (token) => withToken('/subscriptions/confirm', token),
    unsubscribeUrl: (token) => withToken('/unsubscribe', token),
    editionUrl: (editionId) => `${base}/editions/${encodeURIComponent(editionId)}`,
  };
}
