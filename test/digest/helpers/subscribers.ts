import type { App } from '../../../src/main.ts';
import type { Frequency } from '../../../src/subscriptions/schema.ts';

export interface TestSubscriber {
  readonly email: string;
  readonly frequency?: Frequency;
  readonly categories?: string[];
  readonly keywords?: string[];
  readonly status?: 'confirmed' | 'pending' | 'unsubscribed';
}

/** Adds subscriptions straight to the store (subscribing itself is tested in test/subscriptions). */
export async function addSubscribers(app: App, subscribers: readonly TestSubscriber[]): Promise<void> {
  const now = new Date();
  for (const s of subscribers) {
    await app.subscriptionStore.insert(
      {
        email: s.email,
        frequency: s.frequency ?? 'daily',
        topics: { categories: s.categories ?? [], keywords: s.keywords ?? [] },
        status: s.status ?? 'confirmed',
        consentSource: 'import',
        consentIpHash: null,
        consentAt: now.toISOString(),
      },
      now,
    );
  }
}

export async function subscriptionId(app: App, email: string): Promise<string> {
  const found = await app.subscriptionStore.byEmail(email);
  if (!found) throw new Error(`no subscription for ${email}`);
  return found.id;
}
