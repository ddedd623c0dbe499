/** The deterministic Message-ID of one digest: the same for every attempt, so a resend is recognisable. Pure. */

export function digestMessageId(list: string, period: string, subscriptionId: string, host: string): string {
  return `<digest.${list}.${period}.${subscriptionId}@${host}>`;
}

/** The same Message-ID built in SQL (for the snapshot's INSERT … SELECT), parts as parameters. */
export function messageIdParts(
  list: string,
  period: string,
  host: string,
): { prefix: string; suffix: string } {
  return { prefix: `<digest.${list}.${period}.`, suffix: `@${host}>` };
}
