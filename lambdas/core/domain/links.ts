// Core layer: the public URLs our emails point readers to.

export interface SubscriptionLinks {
  confirmUrl(token: string): string;
  unsubscribeUrl(token: string): string;
}

export function subscriptionLinks(publicBaseUrl: string): SubscriptionLinks {
  const base = publicBaseUrl.replace(/\/+$/u, '');
  const withToken = (path: string, token: string): string => `${base}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirmUrl: (token) => withToken('/subscriptions/confirm', token),
    unsubscribeUrl: (token) => withToken('/unsubscribe', token),
  };
}
