// Progressive enhancement only: every page works without this file.
// "/" focuses the search box, unless the reader is typing somewhere already.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  )
    return;
  const box = document.querySelector('#search-q') || document.querySelector('#site-search-q');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
