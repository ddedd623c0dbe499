/**
 * Fastify's schema validation failures as our BadRequestError (so the one error mapping answers
 * `{"error":{"code":"bad_request","message"}}`), with a message that names the parameter and says how
 * to write it.
 */
import type { FastifySchemaValidationError } from 'fastify';
import { BadRequestError } from '../../domain/errors.ts';
import { PATTERN_FORMS } from './params.ts';

const PLACES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  headers: 'header',
  body: 'body field',
};

export function validationError(errors: FastifySchemaValidationError[], dataVar: string): BadRequestError {
  const [first] = errors;
  if (!first) return new BadRequestError('the request is not valid');
  return new BadRequestError(describe(first, PLACES[dataVar] ?? dataVar));
}

function describe(error: FastifySchemaValidationError, place: string): string {
  const missing = error.params.missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') return `${place} ${missing} is required`;
  const name = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'value';
  const what = `${place} ${name}`;
  const limit = error.params.limit;
  switch (error.keyword) {
    case 'pattern': {
      const pattern = error.params.pattern;
      const form = typeof pattern === 'string' ? PATTERN_FORMS.get(pattern) : undefined;
      return form ? `${what} must be written as ${form}` : `${what} is not in the expected form`;
    }
    case 'type':
      return error.params.type === 'integer'
        ? `${what} must be a whole number`
        : `${what} must be a single ${String(error.params.type)}`;
    case 'maximum':
      return `${what} must be at most ${String(limit)}`;
    case 'minimum':
      return `${what} must be at least ${String(limit)}`;
    case 'maxLength':
      return `${what} must be at most ${String(limit)} characters long`;
    case 'minLength':
      return `${what} must not be empty`;
    default:
      return `${what} ${error.message ?? 'is not valid'}`;
  }
}
