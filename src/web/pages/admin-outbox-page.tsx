import type { Member } from '../../accounts/member.ts';
import type { OutboxPage } from '../outbox-files.ts';
import { Layout } from './layout.tsx';

const when = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) : '—');

/** Admins: the .eml outbox (mail written instead of sent when no SMTP server is configured), newest first. */
export function AdminOutboxPage({ member, outbox }: { member: Member; outbox: OutboxPage }) {
  const { entries, page, pages, total } = outbox;
  return (
    <Layout title="Outbox · Paperpulse" member={member} noindex>
      <section aria-labelledby="outbox-heading">
        <h1 id="outbox-heading">Outbox</h1>
        <p>
          {total === 0
            ? 'No messages yet.'
            : `${total} ${total === 1 ? 'message' : 'messages'}, newest first · page ${page} of ${pages}`}
        </p>
        {entries.length > 0 ? (
          <table class="outbox">
            <thead>
              <tr>
                <th scope="col">Date (UTC)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.file}>
                  <td>{when(e.date)}</td>
                  <td>{e.to}</td>
                  <td>
                    <a href={`/admin/outbox/${encodeURIComponent(e.file)}`}>{e.subject || '(no subject)'}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <nav class="period-nav" aria-label="Outbox pages">
          {page > 1 ? (
            <a rel="prev" href={`/admin/outbox?page=${page - 1}`}>
              Newer
            </a>
          ) : null}{' '}
          {page < pages ? (
            <a rel="next" href={`/admin/outbox?page=${page + 1}`}>
              Older
            </a>
          ) : null}
        </nav>
      </section>
    </Layout>
  );
}

/** One message's source as text (every character escaped by the renderer). */
export function AdminOutboxMessagePage({
  member,
  file,
  subject,
  text,
  cut,
}: {
  member: Member;
  file: string;
  subject: string;
  text: string;
  cut: boolean;
}) {
  return (
    <Layout title={`${subject || file} · Outbox · Paperpulse`} member={member} noindex>
      <section aria-labelledby="outbox-message-heading">
        <p>
          <a href="/admin/outbox">Back to the outbox</a>
        </p>
        <h1 id="outbox-message-heading">{subject || '(no subject)'}</h1>
        <p>{file}</p>
        <pre class="outbox-message">{text}</pre>
        {cut ? <p>The message is longer; only its first megabyte is shown.</p> : null}
      </section>
    </Layout>
  );
}
