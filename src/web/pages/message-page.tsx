import type { ComponentChildren } from 'preact';
import { Layout } from './layout.tsx';

/** A page that says one thing: not found, a bad address, a notice. Kept out of search engines. */
export function MessagePage({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={`${title} · Paperpulse`} noindex>
      <section class="message" aria-labelledby="message-heading">
        <h1 id="message-heading">{title}</h1>
        {children}
      </section>
    </Layout>
  );
}
