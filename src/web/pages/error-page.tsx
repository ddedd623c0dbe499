import { arxivAbsUrl } from '../format.ts';
import { MessagePage } from './message-page.tsx';

const TITLES: Record<number, string> = {
  400: 'That address is not valid',
  404: 'Page not found',
  429: 'Too many requests',
};

/** The page for an error status: what went wrong in the reader's words, and a way on. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
  return (
    <MessagePage title={title}>
      <p class="message-text">{message}</p>
      <p>
        <a class="button" href="/">
          See the latest papers
        </a>
      </p>
    </MessagePage>
  );
}

/** The 404 page of a well-formed arXiv id this server has not imported: it may well be on arXiv. */
export function NoSuchPaperPage({ id }: { id: string }) {
  return (
    <MessagePage title="Paper not found">
      <p class="message-text">
        There is no paper arXiv:{id} on this Paperpulse. It only shows the papers it has imported.
      </p>
      <p class="message-actions">
        <a class="button" href={arxivAbsUrl(id)}>
          Look for arXiv:{id} on arXiv
        </a>{' '}
        <a class="button" href="/">
          See the latest papers
        </a>
      </p>
    </MessagePage>
  );
}
