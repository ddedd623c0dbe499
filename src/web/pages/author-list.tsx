/** Author lists longer than this fold after the first `SHOWN` names (collaborations list hundreds). */
const FOLD_OVER = 20;
const SHOWN = 15;

/** Every author of a paper; a very long list folds, unfolding without JavaScript. */
export function AuthorList({ authors }: { authors: readonly string[] }) {
  if (authors.length === 0) return null;
  if (authors.length <= FOLD_OVER) return <Names names={authors} />;
  const rest = authors.slice(SHOWN);
  return (
    <div class="authors-folded">
      <Names names={authors.slice(0, SHOWN)} />
      <details>
        <summary>and {rest.length} more authors</summary>
        <Names names={rest} />
      </details>
    </div>
  );
}

function Names({ names }: { names: readonly string[] }) {
  return (
    <ul class="author-list">
      {names.map((name, i) => (
        <li key={`${i}-${name}`}>{name}</li>
      ))}
    </ul>
  );
}
