// Progressive enhancement only: the search form works without this file.
// As the reader types into a box with data-suggest="/search/suggest", matching paper titles fill the
// box's <datalist>; picking one searches for that exact title, which goes straight to the paper.
(() => {
  const DELAY_MS = 150;
  for (const box of document.querySelectorAll('input[data-suggest][list]')) {
    const list = document.getElementById(box.getAttribute('list'));
    const endpoint = box.dataset.suggest;
    if (!list || !endpoint) continue;
    let timer = 0;
    let pending = null;
    let last = '';
    box.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const typed = box.value.trim();
        if (typed === last) return;
        last = typed;
        if (pending) pending.abort();
        if (typed.length < 2) {
          list.replaceChildren();
          return;
        }
        pending = new AbortController();
        try {
          const url = `${endpoint}?${new URLSearchParams({ q: typed })}`;
          const response = await fetch(url, {
            signal: pending.signal,
            headers: { accept: 'application/json' },
          });
          if (!response.ok) return;
          const { suggestions } = await response.json();
          list.replaceChildren(
            ...suggestions.map((s) => {
              const option = document.createElement('option');
              option.value = s.title; // text, never HTML
              return option;
            }),
          );
        } catch {
          // Aborted by a newer keystroke, or offline: keep the last suggestions.
        }
      }, DELAY_MS);
    });
  }
})();
