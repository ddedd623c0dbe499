/** The addresses of a subscription's pages, built from PUBLIC_URL. Pure. */

export function confirmUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/subscribe/confirm?token=${encodeURIComponent(token)}`;
}

export function preferencesUrl(publicUrl: string, linkToken: string): string {
  return `${publicUrl}/subscription?token=${encodeURIComponent(linkToken)}`;
}

/** The RFC 8058 one-click address: a POST unsubscribes at once, a GET shows a button. */
export function unsubscribeUrl(publicUrl: string, linkToken: string): string {
  return `${publicUrl}/unsubscribe?token=${encodeURIComponent(linkToken)}`;
}

/** A subscriber's digest of a period on the web. */
export function digestWebUrl(publicUrl: string, period: string, linkToken: string): string {
  return `${publicUrl}/digests/${encodeURIComponent(period)}?token=${encodeURIComponent(linkToken)}`;
}
