import type { ComponentChildren } from 'preact';

export interface LayoutProps {
  readonly title: string;
  readonly description?: string;
  readonly canonical?: string;
  readonly children: ComponentChildren;
}

export function Layout({ title, description, canonical, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <nav class="site-nav" aria-label="Site">
            <a class="brand" href="/">
              Paperpulse
            </a>
            <a href="/papers">Daily papers</a>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>
            Paperpulse — papers from <a href="https://arxiv.org">arXiv</a>, read and discussed by the research
            community. Titles and abstracts belong to their authors.
          </p>
        </footer>
      </body>
    </html>
  );
}
