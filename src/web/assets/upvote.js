// Progressive enhancement only: without this file the upvote forms post and redirect back.
// With it, an upvote is sent with fetch (the route answers JSON for Accept: application/json) and the
// count and button change in place. Any failure falls back to the plain form submission.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('upvote')) return;
  if (form.dataset.busy === 'yes') {
    event.preventDefault();
    return;
  }
  event.preventDefault();
  form.dataset.busy = 'yes';
  const button = form.querySelector('button');
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (response.status === 401) {
      window.location.assign('/sign-in');
      return;
    }
    if (!response.ok) throw new Error(`upvote answered ${response.status}`);
    const state = await response.json();
    if (typeof state.upvotes !== 'number' || typeof state.upvoted !== 'boolean')
      throw new Error('bad answer');
    showState(form, button, state);
  } catch {
    form.submit();
  } finally {
    delete form.dataset.busy;
  }
});

function showState(form, button, state) {
  const scope = form.closest('li.card') || form.closest('.paper-actions') || document;
  const votes = scope.querySelector('.votes');
  if (votes?.firstChild && votes.firstChild.nodeType === Node.TEXT_NODE) {
    votes.firstChild.textContent = String(state.upvotes);
    const label = votes.querySelector('.vh');
    if (label) label.textContent = state.upvotes === 1 ? ' upvote' : ' upvotes';
  }
  const vote = form.querySelector('input[name="vote"]');
  if (vote) vote.value = state.upvoted ? 'remove' : 'up';
  if (button) {
    button.setAttribute('aria-pressed', state.upvoted ? 'true' : 'false');
    button.textContent = state.upvoted ? '▲ Upvoted (take back)' : '▲ Upvote';
  }
}
