import type { Member } from '../../accounts/member.ts';
import { Layout } from './layout.tsx';

/** The submission form: an arXiv id or link, nothing else. */
export function SubmitPage({ csrf, member }: { csrf: string; member: Member }) {
  return (
    <Layout title="Submit a paper · Paperpulse" member={member} noindex>
      <section class="message" aria-labelledby="submit-heading">
        <h1 id="submit-heading">Submit a paper</h1>
        <p>Put a recent arXiv paper on today's listing. Paste its arXiv id or link.</p>
        <form method="post" action="/submit">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="submit-paper">arXiv id or link</label>{' '}
          <input id="submit-paper" name="paper" maxLength={300} required placeholder="2503.01234" />{' '}
          <button type="submit">Submit</button>
        </form>
      </section>
    </Layout>
  );
}
