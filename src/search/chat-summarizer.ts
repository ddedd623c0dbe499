/**
 * A Summarizer that asks an OpenAI-compatible chat server (`POST {baseUrl}/chat/completions`: OpenAI,
 * Ollama, vLLM, llama.cpp) for a paper's one-line summary, then cleans the answer to one plain line.
 * Requests go through openai-request.ts (timeout, retries with backoff on network errors, 429, 5xx).
 */
import { SourceError } from '../domain/errors.ts';
import { shortenAtWord } from '../domain/summary.ts';
import { endpointOf, type OpenAiRequestOptions, postJson } from './openai-request.ts';
import type { PaperToSummarize, Summarizer } from './summarize-papers.ts';

export interface ChatSummarizerOptions extends OpenAiRequestOptions {
  /** The API base, e.g. `http://localhost:11434/v1` or `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly maxTokens?: number;
}

/** The longest summary kept from an answer, in characters (cut at a word, with "…"). */
export const CHAT_SUMMARY_MAX_CHARS = 300;

const SYSTEM_PROMPT =
  'You write the one-line summary shown under a research paper’s title. Answer with one plain-text ' +
  'sentence of at most 30 words saying what the paper does or finds. No markdown, no quotation marks, ' +
  'no preamble such as "This summary".';

interface ChatResponse {
  readonly choices?: readonly { readonly message?: { readonly content?: unknown } }[];
}

export class ChatSummarizer implements Summarizer {
  readonly model: string;
  private readonly endpoint: string;

  constructor(private readonly options: ChatSummarizerOptions) {
    this.model = options.model;
    this.endpoint = endpointOf(options.baseUrl, 'chat/completions');
  }

  async summarize(paper: PaperToSummarize): Promise<string> {
    const answer = (await postJson(
      this.endpoint,
      {
        model: this.options.model,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `Title: ${paper.title}\n\nAbstract: ${paper.abstract}` },
        ],
        temperature: 0,
        max_tokens: this.options.maxTokens ?? 100,
      },
      this.options,
    )) as ChatResponse | null;
    const content = answer?.choices?.[0]?.message?.content;
    if (typeof content !== 'string')
      throw new SourceError(this.endpoint, 'expected the summary in choices[0].message.content');
    const summary = cleanSummary(content);
    if (summary === '') throw new SourceError(this.endpoint, 'an empty summary');
    return summary;
  }
}

/**
 * A chat answer as one plain line: reasoning (`<think>…</think>`), list and heading marks, Markdown
 * emphasis, code and links, a "Summary:" label and wrapping quotes removed, whitespace collapsed, at
 * most `maxChars` long. Pure.
 */
export function cleanSummary(answer: string, maxChars = CHAT_SUMMARY_MAX_CHARS): string {
  let text = answer
    .replace(/<think>[\s\S]*?(<\/think>|$)/gi, ' ')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:#{1,6}\s+|[-*+•]\s+|\d{1,2}[.)]\s+|>\s*)/, ''))
    .join(' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  for (;;) {
    const next = unwrap(text);
    if (next === text) break;
    text = next;
  }
  return shortenAtWord(text, maxChars);
}

const QUOTES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['„', '“'],
  ['«', '»'],
];

/** One layer off: a leading "Summary:" label, or quotes around the whole line. */
function unwrap(text: string): string {
  const unlabelled = text.replace(/^(?:(?:one[- ]line |short )?summary|tl;?dr)\s*[:–—-]\s*/i, '');
  if (unlabelled !== text) return unlabelled.trim();
  for (const [open, close] of QUOTES) {
    if (text.length < 2 || !text.startsWith(open) || !text.endsWith(close)) continue;
    const inner = text.slice(open.length, -close.length);
    // `"A" and "B"` is not one quoted line.
    if (!inner.includes(open) && !inner.includes(close)) return inner.trim();
  }
  return text;
}
