import type { FastifyInstance } from 'fastify';
import { isEditor } from '../accounts/member.ts';
import { BadRequestError, ForbiddenError } from '../domain/errors.ts';
import { csrfToken } from '../http/csrf.ts';
import type { DiscussionDeps } from './discussion-deps.ts';
import { formField, paperIdIn } from './form-fields.ts';
import { ClaimsReviewPage } from './pages/claims-review-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import type { CurrentMember } from './session.ts';

type Deps = Pick<DiscussionDeps, 'claims'> & { readonly current: CurrentMember; readonly publicUrl: string };

/** Claimed authorship: a member claims an author name on a paper; editors approve or reject at /editor/claims. */
export function registerClaimRoutes(app: FastifyInstance, deps: Deps): void {
  const { current, claims } = deps;

  app.post('/claims', async (request, reply) => {
    const member = await current.required(request, 'claim authorship');
    const paperId = paperIdIn(formField(request.body, 'paper'));
    await claims.claim(member, paperId, formField(request.body, 'author'), new Date());
    return reply.redirect(`/papers/${paperId}#claims-heading`, 303);
  });

  app.get('/editor/claims', async (request, reply) => {
    const member = await current.required(request, 'review authorship claims');
    if (!isEditor(member)) throw new ForbiddenError('Only editors can review authorship claims.');
    const csrf = csrfToken(request, reply, deps.publicUrl);
    return sendHtml(
      reply,
      renderPage(<ClaimsReviewPage member={member} claims={await claims.pending()} csrf={csrf} />),
    );
  });

  app.post('/editor/claims', async (request, reply) => {
    const member = await current.required(request, 'review authorship claims');
    const decision = formField(request.body, 'decision');
    if (decision !== 'approved' && decision !== 'rejected')
      throw new BadRequestError('decision must be approved or rejected');
    const paperId = paperIdIn(formField(request.body, 'paper'));
    await claims.decide(member, formField(request.body, 'member'), paperId, decision, new Date());
    return reply.redirect('/editor/claims', 303);
  });
}
