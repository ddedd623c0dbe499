import type { FastifyInstance } from 'fastify';
import { csrfToken } from '../http/csrf.ts';
import type { DiscussionDeps } from './discussion-deps.ts';
import { commentIdIn, formField, paperIdIn } from './form-fields.ts';
import { CommentEditPage } from './pages/comment-edit-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import type { CurrentMember } from './session.ts';

type Deps = DiscussionDeps & { readonly current: CurrentMember; readonly publicUrl: string };

/**
 * Comments: post (or reply), edit and delete one's own, editors hide. Every form carries the CSRF
 * token (the default check in src/http/csrf.ts); each answer redirects to the comment on its paper.
 */
export function registerCommentRoutes(app: FastifyInstance, deps: Deps): void {
  const { current, comments } = deps;
  const at = (paperId: string, commentId: string) => `/papers/${paperId}#comment-${commentId}`;

  app.post('/comments', async (request, reply) => {
    const member = await current.required(request, 'comment');
    const paperId = paperIdIn(formField(request.body, 'paper'));
    const parent = formField(request.body, 'parent');
    const posted = await comments.post(
      member,
      paperId,
      formField(request.body, 'body'),
      parent ? commentIdIn(parent) : null,
      new Date(),
    );
    return reply.redirect(at(paperId, posted.id), 303);
  });

  app.get<{ Params: { id: string } }>('/comments/:id/edit', async (request, reply) => {
    const member = await current.required(request, 'edit comments');
    const id = commentIdIn(request.params.id);
    const own = await comments.ownComment(member, id);
    const csrf = csrfToken(request, reply, deps.publicUrl);
    return sendHtml(
      reply,
      renderPage(
        <CommentEditPage
          member={member}
          commentId={id}
          paperId={own.paperId}
          body={own.body}
          csrf={csrf}
          maxChars={deps.commentMaxChars}
        />,
      ),
    );
  });

  app.post<{ Params: { id: string } }>('/comments/:id/edit', async (request, reply) => {
    const member = await current.required(request, 'edit comments');
    const id = commentIdIn(request.params.id);
    const { paperId } = await comments.edit(member, id, formField(request.body, 'body'), new Date());
    return reply.redirect(at(paperId, id), 303);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/delete', async (request, reply) => {
    const member = await current.required(request, 'delete comments');
    const { paperId } = await comments.delete(member, commentIdIn(request.params.id), new Date());
    return reply.redirect(`/papers/${paperId}#discussion-heading`, 303);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/hide', async (request, reply) => {
    const member = await current.required(request, 'hide comments');
    const id = commentIdIn(request.params.id);
    const hidden = formField(request.body, 'hidden') !== 'no';
    const { paperId } = await comments.setHidden(member, id, hidden);
    return reply.redirect(at(paperId, id), 303);
  });
}
