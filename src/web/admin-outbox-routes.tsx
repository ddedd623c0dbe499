import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Member } from '../accounts/member.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { OutboxFiles } from './outbox-files.ts';
import { AdminOutboxMessagePage, AdminOutboxPage } from './pages/admin-outbox-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import type { CurrentMember } from './session.ts';

export interface AdminOutboxDeps {
  /** The .eml outbox folder, or null when SMTP sends mail (then there is nothing to browse). */
  readonly outboxDir: string | null;
  readonly current: CurrentMember;
}

/** /admin/outbox: admins browse the mail the outbox transport wrote, and open one message as text. */
export function registerAdminOutboxRoutes(app: FastifyInstance, deps: AdminOutboxDeps): void {
  const outbox = deps.outboxDir ? new OutboxFiles(deps.outboxDir) : null;
  const admin = async (request: FastifyRequest): Promise<{ member: Member; files: OutboxFiles }> => {
    if (!outbox) throw new NotFoundError('Mail goes out through SMTP here: there is no outbox to browse.');
    const member = await deps.current.of(request);
    if (member?.role !== 'admin') throw new ForbiddenError('Only admins may read the outbox.');
    return { member, files: outbox };
  };

  app.get<{ Querystring: { page?: string } }>('/admin/outbox', async (request, reply) => {
    const { member, files } = await admin(request);
    const page = await files.page(Number(request.query.page ?? '1'));
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(reply, renderPage(<AdminOutboxPage member={member} outbox={page} />));
  });

  app.get<{ Params: { file: string } }>('/admin/outbox/:file', async (request, reply) => {
    const { member, files } = await admin(request);
    const { text, cut, summary } = await files.read(request.params.file);
    // The messages hold confirmation and sign-in links: never let a link from this page leak them.
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(
      reply,
      renderPage(
        <AdminOutboxMessagePage
          member={member}
          file={request.params.file}
          subject={summary.subject}
          text={text}
          cut={cut}
        />,
      ),
    );
  });
}
