/** Reading fast-xml-parser's output: elements as plain objects, text as `#text` beside attributes. */
import { XMLParser } from 'fast-xml-parser';

/**
 * The parser both arXiv sources use. Names are matched by local name: the feeds declare their
 * prefixes differently across generations, and no two elements read from one part of a tree clash.
 * `repeated` says which paths (jPath, e.g. `feed.entry`) are always arrays.
 */
export function createXmlParser(repeated: (path: string) => boolean): XMLParser {
  return new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep text as text: a title of "0" is a title, not a number.
    parseTagValue: false,
    parseAttributeValue: false,
    // Decodes numeric character references (&#233;) as well as the five XML entities.
    htmlEntities: true,
    jPath: true,
    isArray: (_name, jPath) => repeated(String(jPath)),
  });
}

export type XmlNode = Record<string, unknown>;

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function child(node: unknown, name: string): unknown {
  return isNode(node) ? node[name] : undefined;
}

export function children(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** An element's text (with or without attributes beside it), or null when empty or absent. */
export function text(value: unknown): string | null {
  const content = isNode(value) ? value['#text'] : value;
  return typeof content === 'string' && content.trim() !== '' ? content : null;
}

export function integer(value: unknown): number | null {
  const content = text(value)?.trim();
  return content !== undefined && /^\d+$/.test(content) ? Number(content) : null;
}
