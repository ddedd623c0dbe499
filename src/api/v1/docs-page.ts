/**
 * The readable docs page of `/api/v1`, rendered on the server from the OpenAPI document: each
 * operation with its parameters and an example request. No scripts; one stylesheet from this server.
 */
import { escapeHtml } from '../../feeds/feed-formats.ts';

/** The parts of an OpenAPI 3.1 document this page reads. */
export interface ApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, ApiOperation>>>>;
}

interface ApiOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly ApiParameter[];
  readonly responses?: Readonly<Record<string, { readonly description?: string }>>;
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: BodySchema }>> };
  readonly security?: readonly unknown[];
}

interface BodySchema {
  readonly properties?: Readonly<Record<string, { readonly examples?: readonly unknown[] }>>;
}

interface ApiParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly description?: string;
  /** @fastify/swagger lifts a parameter schema's first example here. */
  readonly example?: unknown;
  readonly schema?: {
    readonly type?: string;
    readonly pattern?: string;
    readonly default?: unknown;
    readonly examples?: readonly unknown[];
    readonly minimum?: number;
    readonly maximum?: number;
  };
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'];

export function renderDocsPage(doc: ApiDocument, stylesheet: string): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ path, method, op }] : [];
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<main>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
${paragraphs(doc.info.description ?? '')}
<p>The machine-readable description: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Operations"><ul>
${operations.map(({ path, method, op }) => `<li><a href="#${anchor(op, method, path)}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a> ${escapeHtml(op.summary ?? '')}</li>`).join('\n')}
</ul></nav>
${operations.map(({ path, method, op }) => operationSection(path, method, op)).join('\n')}
</main>
</body>
</html>
`;
}

function operationSection(path: string, method: string, op: ApiOperation): string {
  const example = exampleUrl(path, op.parameters ?? []);
  const read = method === 'get' || method === 'head';
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}</li>`)
    .join('');
  return `<section id="${anchor(op, method, path)}">
<h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary ?? '')}</p>
${paragraphs(op.description ?? '')}
${parameterTable(op.parameters ?? [])}
${read ? `<p>Example: <a href="${escapeHtml(example)}"><code>${escapeHtml(`${method.toUpperCase()} ${example}`)}</code></a></p>` : ''}
<pre><code>${escapeHtml(curl(method, example, op))}</code></pre>
<h3>Responses</h3>
<ul>${responses}</ul>
</section>`;
}

function parameterTable(parameters: readonly ApiParameter[]): string {
  if (parameters.length === 0) return '<p>No parameters.</p>';
  const rows = parameters.map((p) => {
    const notes = [
      p.schema?.type,
      p.schema?.pattern ? `pattern ${p.schema.pattern}` : '',
      p.schema?.minimum !== undefined ? `from ${p.schema.minimum}` : '',
      p.schema?.maximum !== undefined ? `to ${p.schema.maximum}` : '',
      p.schema?.default !== undefined ? `default ${String(p.schema.default)}` : '',
    ].filter((note) => note);
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td><td>${escapeHtml(notes.join(', '))}</td></tr>`;
  });
  return `<table>
<thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Meaning</th><th scope="col">Form</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}

/** A curl command for the operation: writes with the token header and an example JSON body. */
function curl(method: string, url: string, op: ApiOperation): string {
  if (method === 'get' || method === 'head') return `curl -i '${url}'`;
  const parts = [`curl -i -X ${method.toUpperCase()}`];
  if (op.security && op.security.length > 0) parts.push(`-H 'Authorization: Bearer <token>'`);
  const properties = op.requestBody?.content?.['application/json']?.schema?.properties;
  if (properties) {
    const body = Object.fromEntries(
      Object.entries(properties).flatMap(([name, p]) => (p.examples ? [[name, p.examples[0]]] : [])),
    );
    parts.push(`-H 'content-type: application/json' -d '${JSON.stringify(body)}'`);
  }
  return `${parts.join(' ')} '${url}'`;
}

/** The path with each parameter's first example filled in, and the query's examples appended. */
export function exampleUrl(path: string, parameters: readonly ApiParameter[]): string {
  const example = (p: ApiParameter) => p.example ?? p.schema?.examples?.[0];
  let url = path;
  for (const p of parameters.filter((p) => p.in === 'path')) {
    url = url.replace(`{${p.name}}`, encodeURIComponent(String(example(p) ?? p.name)));
  }
  const query = parameters
    .filter((p) => p.in === 'query' && example(p) !== undefined)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(p)))}`);
  return query.length > 0 ? `${url}?${query.join('&')}` : url;
}

function anchor(op: ApiOperation, method: string, path: string): string {
  return escapeHtml(op.operationId ?? `${method}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`);
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((part) => part.trim() !== '')
    .map((part) => `<p>${escapeHtml(part)}</p>`)
    .join('\n');
}

export const DOCS_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1 small{font-size:.5em;color:#555}
section{border-top:1px solid #ddd;margin-top:2rem;padding-top:.5rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #eee;padding:.25rem .5rem;vertical-align:top}
pre{background:#f5f5f5;padding:.5rem;overflow-x:auto}code{font-family:ui-monospace,monospace}
`;
