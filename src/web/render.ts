import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** A full HTML document from a page component; preact escapes every text and attribute value. */
export function renderPage(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}
