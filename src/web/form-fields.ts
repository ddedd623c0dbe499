import { parseArxivId } from '../domain/arxiv-id.ts';
import { BadRequestError } from '../domain/errors.ts';

/** A text field of a posted form, or '' when it is missing or not text. */
export function formField(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** The version-less id of a paper named in a form or address, or a 400. */
export function paperIdIn(input: string): string {
  const parsed = parseArxivId(input.trim());
  if (!parsed.ok) throw new BadRequestError(`“${input.slice(0, 60)}” is not an arXiv id: ${parsed.reason}`);
  return parsed.value.id;
}

/** Comment ids are the app's random ids: anything else is not looked up. */
export function commentIdIn(input: string): string {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(input)) throw new BadRequestError('That is not a comment id.');
  return input;
}
