import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../../src/domain/errors.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';
import { absSource, decodeAbsBytes, parseAbs } from '../../src/ingest/sources/abs.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(repoRoot, 'test/fixtures/abs');
const sharedData = path.resolve(repoRoot, '../shared/data');
const sharedAbs = path.join(sharedData, 'arxiv-abs-metadata-arxiv-browse/abs');
const sharedPresent = fs.existsSync(sharedAbs);
if (!sharedPresent) console.warn('NOTICE: ../shared/data not found: whole-folder .abs test SKIPPED');

function fixtureText(subPath: string): string {
  return decodeAbsBytes(fs.readFileSync(path.join(fixtures, subPath)));
}

function rawOf(item: SourceItem): RawPaper {
  assert.equal(item.kind, 'paper', item.kind === 'rejected' ? `${item.where}: ${item.reason}` : '');
  return (item as Extract<SourceItem, { kind: 'paper' }>).raw;
}

function normalised(raw: RawPaper): PaperRecord {
  const result = normaliseRecord(raw);
  if (!result.ok) assert.fail(result.reason);
  return result.record;
}

function recordOf(subPath: string): PaperRecord {
  return normalised(rawOf(parseAbs(fixtureText(subPath), subPath)));
}

async function readAll(source: Source): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read({ cursor: null })) items.push(item);
  return items;
}

function rejection(item: SourceItem): { where: string; reason: string } {
  assert.equal(item.kind, 'rejected');
  return item as Extract<SourceItem, { kind: 'rejected' }>;
}

describe('parseAbs on real arXiv .abs files', () => {
  const cases: {
    file: string;
    id: string;
    title: string;
    authors: string[];
    categories: string[];
    versions: [number, string, string][];
    journalRef?: string;
    doi?: string;
    license?: string;
  }[] = [
    {
      file: 'cs/papers/0011/0011004.abs',
      id: 'cs/0011004',
      title: 'Anonymous Oblivious Transfer',
      authors: ['J. Mueller-Quade', 'H. Imai'],
      categories: ['cs.CR'],
      versions: [
        [1, '2000-11-04T06:14:57.000Z', '9kb'],
        [2, '2000-12-03T08:09:58.000Z', '11kb'],
      ],
    },
    {
      file: 'funct-an/papers/9301/9301001.abs',
      id: 'funct-an/9301001',
      title: 'Lie-algebras and linear operators with invariant subspaces',
      authors: ['Alexander Turbiner'],
      categories: ['funct-an', 'math.OA'],
      versions: [
        [1, '1993-01-16T11:49:26.000Z', '0kb'],
        [2, '1998-09-08T18:01:31.000Z', '38kb'],
      ],
      journalRef:
        'in {\\em Lie algebras, cohomologies and new findings in quantum mechanics} (N. Kamran and P. J. ' +
        'Olver, eds.), AMS {\\it Contemporary Mathematics}, vol. 160, pp. 263--310, 1994',
    },
    {
      file: 'astro-ph/papers/9204/9204001.abs',
      id: 'astro-ph/9204001',
      title: 'Gamma-Ray Bursts as the Death Throes of Massive Binary Stars',
      authors: ['Ramesh Narayan', 'Bohdan Paczyński', 'Tsvi Piran'],
      categories: ['astro-ph'],
      versions: [[1, '1992-04-13T18:20:01.000Z', '11kb']],
      doi: '10.1086/186493',
    },
    {
      file: 'arxiv/papers/0704/0704.0001.abs',
      id: '0704.0001',
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
      categories: ['hep-ph'],
      versions: [
        [1, '2007-04-02T19:18:42.000Z', '443kb'],
        [2, '2007-07-24T20:10:27.000Z', '370kb'],
      ],
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
    },
    {
      file: 'arxiv/papers/0704/0704.0062.abs',
      id: '0704.0062',
      title: 'On-line Viterbi Algorithm and Its Relationship to Random Walks',
      authors: ['Rastislav Šrámek', 'Broňa Brejová', 'Tomáš Vinař'],
      categories: ['cs.DS'],
      versions: [[1, '2007-03-31T23:52:33.000Z', '185kb']],
    },
    {
      file: 'arxiv/papers/0704/0704.0389.abs',
      id: '0704.0389',
      title:
        'Evolution of the Carter constant for inspirals into a black hole: effect of the black hole quadrupole',
      authors: ['Eanna E. Flanagan', 'Tanja Hinderer'],
      categories: ['gr-qc'],
      versions: [
        [1, '2007-04-03T13:48:12.000Z', '30kb'],
        [2, '2007-04-17T11:56:29.000Z', '32kb'],
        [3, '2007-05-07T16:13:42.000Z', '32kb'],
        [4, '2010-06-14T18:49:58.000Z', '33kb'],
        [5, '2010-09-03T17:30:31.000Z', '33kb'],
        [6, '2010-12-01T16:55:44.000Z', '33kb'],
        [7, '2010-12-07T00:01:20.000Z', '34kb'],
        [8, '2011-07-22T17:35:59.000Z', '34kb'],
      ],
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
    },
    {
      file: 'arxiv/papers/0704/0704.0535.abs',
      id: '0704.0535',
      title:
        'The Formation of Globular Cluster Systems in Massive Elliptical Galaxies: Globular Cluster ' +
        'Multimodality from Radial Variation of Stellar Populations',
      authors: ['Antonio Pipino', 'Thomas H. Puzia', 'Francesca Matteucci'],
      categories: ['astro-ph'],
      versions: [[1, '2007-04-04T10:02:49.000Z', '109kb']],
    },
    {
      file: 'arxiv/papers/0704/0704.0858.abs',
      id: '0704.0858',
      title: 'Lessons Learned from the deployment of a high-interaction honeypot',
      authors: ['Eric Alata', 'Vincent Nicomette', 'Mohamed Kaâniche', 'Marc Dacier', 'Matthieu Herrb'],
      categories: ['cs.CR'],
      versions: [[1, '2007-04-06T08:22:50.000Z', '347kb']],
    },
    {
      file: 'arxiv/papers/0704/0704.0944.abs',
      id: '0704.0944',
      title: 'GLAST and Dark Matter Substructure in the Milky Way',
      authors: ['Michael Kuhlen', 'Jürg Diemand', 'Piero Madau'],
      categories: ['astro-ph'],
      versions: [[1, '2007-04-07T00:06:58.000Z', '222kb']],
    },
    {
      file: 'arxiv/papers/1501/1501.05201.abs',
      id: '1501.05201',
      title: 'Novel Boron-10-based detectors for Neutron Scattering Science',
      authors: [
        'Francesco Piscitelli',
        'for the ILL/ESS/LiU collaboration for the development of the B10 detector technology in the framework of the CRISP project',
      ],
      categories: ['physics.ins-det'],
      versions: [[1, '2015-01-21T15:45:13.000Z', '1567kb']],
    },
    {
      file: 'arxiv/papers/1607/1607.08199.abs',
      id: '1607.08199',
      title: 'Bridgeland Stability Conditions on Fano Threefolds',
      authors: ['Marcello Bernardara', 'Emanuele Macrì', 'Benjamin Schmidt', 'Xiaolei Zhao'],
      categories: ['math.AG'],
      versions: [
        [1, '2016-07-27T17:52:31.000Z', '39kb'],
        [2, '2016-08-18T16:20:16.000Z', '39kb'],
        [3, '2017-01-09T18:52:20.000Z', '41kb'],
        [4, '2017-03-20T23:56:56.000Z', '41kb'],
        [5, '2017-04-05T18:19:17.000Z', '122kb'],
      ],
      // latin1 bytes in the file: É is 0xC9 there.
      journalRef: 'Épijournal de Géométrie Algébrique, Volume 1 (September 1, 2017) epiga:3255',
      license: 'http://creativecommons.org/licenses/by-sa/4.0/',
    },
    {
      file: 'arxiv/papers/2310/2310.08262.abs',
      id: '2310.08262',
      title: 'Proceedings of The 2023 Scheme and Functional Programming Workshop',
      authors: ['Marco T. Morazán'],
      categories: ['cs.PL'],
      versions: [[1, '2023-10-12T12:07:05.000Z', '0kb']],
      license: 'http://creativecommons.org/licenses/by-nc-nd/4.0/',
    },
  ];

  for (const expected of cases) {
    test(`${expected.file}: ${expected.id}`, () => {
      const record = recordOf(expected.file);
      const { paper } = record;
      assert.equal(paper.id, expected.id);
      assert.equal(paper.title, expected.title);
      assert.deepEqual(paper.authors, expected.authors);
      assert.deepEqual(paper.categories, expected.categories);
      assert.equal(paper.primaryCategory, expected.categories[0]);
      assert.deepEqual(
        record.versions.map((v) => [v.version, v.submittedAt, v.size]),
        expected.versions,
      );
      assert.equal(paper.latestVersion, expected.versions.length);
      assert.equal(paper.publishedAt, expected.versions[0]?.[1]);
      assert.equal(paper.updatedAt, expected.versions.at(-1)?.[1]);
      if (expected.journalRef) assert.equal(paper.journalRef, expected.journalRef);
      if (expected.doi) assert.equal(paper.doi, expected.doi);
      if (expected.license) assert.equal(paper.license, expected.license);
      assert.ok(paper.abstract.length > 100, 'has its abstract');
    });
  }

  test('the raw record keeps the LaTeX; normaliseRecord decodes the accents', () => {
    const raw = rawOf(parseAbs(fixtureText('arxiv/papers/0704/0704.0001.abs'), 'x.abs'));
    assert.equal(raw.authors, "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan");
    assert.equal(
      raw.title,
      'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
    );
    assert.equal(raw.publishedAt, '2007-04-02T19:18:42.000Z');
    assert.equal(raw.updatedAt, '2007-07-24T20:10:27.000Z');
    assert.equal(normalised(raw).paper.authors[0], 'C. Balázs');
  });

  test('multi-line Comments: are joined', () => {
    assert.equal(
      recordOf('cs/papers/0011/0011004.abs').paper.comment,
      '6 pages, some things clearified, especially that a broadcast channel is not necessary',
    );
  });

  test('Schr\\"odinger in an abstract becomes Schrödinger', () => {
    const { paper } = recordOf('math-ph/papers/0509/0509013.abs');
    assert.equal(paper.id, 'math-ph/0509013');
    assert.match(paper.abstract, /the Schrödinger equation for inverse fourth and sixth-power/);
  });

  test('a \\\\ line inside the abstract (a LaTeX line break) stays in the abstract', () => {
    const raw = rawOf(parseAbs(fixtureText('arxiv/papers/2004/2004.02153.abs'), 'x.abs'));
    assert.match(raw.abstract ?? '', /^ {2}We construct global generalized solutions/);
    assert.match(raw.abstract ?? '', /\+ \\lambda\(x\) u - \\mu\(x\) u\^\\kappa,\n\\\\\n {2}v_t = /);
    assert.match(raw.abstract ?? '', /collapse into a persistent Dirac distribution\.$/);
  });

  test('"LHCb collaboration: R. Aaij, …" lists the collaboration, then its 968 members', () => {
    const { authors } = recordOf('arxiv/papers/2103/2103.11058.abs').paper;
    assert.equal(authors.length, 969);
    assert.deepEqual(authors.slice(0, 3), ['LHCb collaboration', 'R. Aaij', 'C. Abellán Beteta']);
    assert.equal(authors.at(-1), 'G. Zunica');
    for (const name of ['M. Bjørn', 'J. García Pardiñas', 'A. Gioventù', 'R. Lefèvre', 'T. Mombächer']) {
      assert.ok(authors.includes(name), name);
    }
  });

  test('long author lists decode \\H{o} and {\\AA}', () => {
    const { authors } = recordOf('arxiv/papers/1310/1310.8286.abs').paper;
    assert.equal(authors[0], 'A. Adare');
    assert.ok(authors.includes('T. Csörgő'));
    assert.ok(authors.includes('H.-Å. Gustafsson'));
    assert.equal(authors.at(-1), 'L. Zolin');
  });

  test('Windows line endings read the same', () => {
    const text = fixtureText('cs/papers/0011/0011004.abs');
    assert.deepEqual(parseAbs(text.replace(/\n/g, '\r\n'), 'x.abs'), parseAbs(text, 'x.abs'));
  });
});

describe('parseAbs rejects broken files with a reason', () => {
  const text = fixtureText('cs/papers/0011/0011004.abs');
  const withInnerBreak = fixtureText('arxiv/papers/2004/2004.02153.abs');
  const cases: { name: string; text: string; reason: RegExp }[] = [
    { name: 'an empty file', text: '', reason: /^empty file$/ },
    { name: 'not an .abs file', text: 'hello\nworld\n', reason: /no "\\\\" line: not an arXiv \.abs file/ },
    {
      name: 'truncated in the header',
      text: text.slice(0, text.indexOf('Title:')),
      reason: /^truncated: no "\\\\" line after the header$/,
    },
    {
      name: 'truncated in the abstract',
      text: text.slice(0, text.indexOf('the anonymous quantum')),
      reason: /^truncated: no closing "\\\\" line after the abstract$/,
    },
    {
      name: 'truncated after a \\\\ inside the abstract',
      text: withInnerBreak.slice(0, withInnerBreak.indexOf('in smooth, bounded domains')),
      reason: /^truncated: no closing "\\\\" line after the abstract$/,
    },
    {
      name: 'no arXiv: line',
      text: text.replace('arXiv:cs/0011004\n', ''),
      reason: /^no "arXiv:" line with the paper id$/,
    },
    {
      name: 'no title',
      text: text.replace('Title: Anonymous Oblivious Transfer\n', ''),
      reason: /^cs\/0011004: no "Title:" line$/,
    },
    {
      name: 'no authors',
      text: text.replace('Authors: J. Mueller-Quade and H. Imai\n', ''),
      reason: /^cs\/0011004: no "Authors:" line$/,
    },
    {
      name: 'no Date: line',
      text: text.replace(/^Date.*\n/gm, ''),
      reason: /^cs\/0011004: no "Date:" line$/,
    },
    {
      name: 'an unreadable date',
      text: text.replace('Sun, 3 Dec 2000 08:09:58 GMT', 'sometime in December'),
      reason: /^cs\/0011004: unreadable date in "Date \(revised v2\): sometime in December {3}\(11kb\)"$/,
    },
  ];
  for (const { name, text: broken, reason } of cases) {
    test(name, () => {
      const item = rejection(parseAbs(broken, 'papers/broken.abs'));
      assert.equal(item.where, 'papers/broken.abs');
      assert.match(item.reason, reason);
    });
  }
});

describe('decodeAbsBytes', () => {
  test('UTF-8 when the bytes are valid UTF-8, latin1 otherwise', () => {
    assert.equal(decodeAbsBytes(Buffer.from('Macrì é', 'utf8')), 'Macrì é');
    assert.equal(decodeAbsBytes(Buffer.from([0xc9, 0x70, 0x69])), 'Épi');
  });

  test('the latin1 recording reads as latin1', () => {
    const bytes = fs.readFileSync(path.join(fixtures, 'arxiv/papers/1607/1607.08199.abs'));
    assert.ok(bytes.includes(0xc9), 'the file really holds a latin1 É');
    assert.match(decodeAbsBytes(bytes), /Journal-ref: Épijournal de Géométrie Algébrique/);
  });
});

describe('absSource', () => {
  test('walks a directory in sorted path order, every file a paper or a reason', async () => {
    const items = await readAll(absSource(fixtures));
    const wheres = items.map((item) => (item.kind === 'checkpoint' ? '' : item.where));
    assert.equal(items.length, 17);
    assert.deepEqual(wheres, [...wheres].sort());
    assert.equal(wheres[0], path.join(fixtures, 'arxiv/papers/0704/0704.0001.abs'));
    const rejected = items.filter((item) => item.kind === 'rejected');
    assert.deepEqual(rejected, [
      {
        kind: 'rejected',
        where: path.join(fixtures, 'math-ph/papers/0509/0509037.abs'),
        reason: 'empty file',
      },
    ]);
    for (const item of items) if (item.kind === 'paper') normalised(item.raw);
  });

  test('reads a single file', async () => {
    const file = path.join(fixtures, 'cs/papers/0011/0011004.abs');
    const items = await readAll(absSource(file));
    assert.equal(items.length, 1);
    assert.equal(items[0]?.kind === 'paper' && items[0].where, file);
    assert.equal(rawOf(items[0] as SourceItem).id, 'cs/0011004');
  });

  test('a missing path is a SourceError naming it', async () => {
    const missing = path.join(fixtures, 'no-such-dir');
    await assert.rejects(readAll(absSource(missing)), (error: unknown) => {
      assert.ok(error instanceof SourceError);
      assert.equal(error.where, missing);
      assert.match(error.message, /no-such-dir: cannot read: ENOENT/);
      return true;
    });
  });
});

describe('every .abs file of arxiv-browse (../shared/data)', () => {
  test('parses or gives a reason, and normalises', {
    skip: !sharedPresent && 'no ../shared/data',
  }, async () => {
    const files = fs
      .readdirSync(sharedAbs, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.abs'));
    assert.equal(files.length, 1132);

    const started = performance.now();
    const items = await readAll(absSource(sharedAbs));
    const readMs = performance.now() - started;
    assert.equal(items.length, files.length);
    const papers = items.flatMap((item) => (item.kind === 'paper' ? [item] : []));
    const rejected = items.filter((item) => item.kind === 'rejected');
    assert.equal(papers.length, 1131);
    assert.deepEqual(rejected, [
      {
        kind: 'rejected',
        where: path.join(sharedAbs, 'math-ph/papers/0509/0509037.abs'),
        reason: 'empty file',
      },
    ]);

    const records = papers.map((item) => {
      const result = normaliseRecord(item.raw);
      assert.ok(result.ok, `${item.where}: ${result.ok ? '' : result.reason}`);
      return result.record;
    });
    // The one id seen twice: arxiv-browse's cs/papers/0006/0006007.abs is a copy of 0006008.abs.
    const files006008 = papers.filter((item) => item.raw.id === 'cs/0006008').map((item) => item.where);
    assert.deepEqual(files006008, [
      path.join(sharedAbs, 'cs/papers/0006/0006007.abs'),
      path.join(sharedAbs, 'cs/papers/0006/0006008.abs'),
    ]);
    assert.equal(new Set(records.map((r) => r.paper.id)).size, 1130);
    for (const { paper, versions } of records) {
      assert.ok(paper.title !== '' && paper.abstract !== '', paper.id);
      assert.ok(paper.authors.length > 0 && paper.primaryCategory !== null, paper.id);
      assert.ok(versions.length > 0 && paper.publishedAt !== null, paper.id);
      assert.equal(paper.publishedAt, versions[0]?.submittedAt, paper.id);
    }
    // Every `Date` line of every file became one version.
    const dateLines = files
      .map((f) => fs.readFileSync(path.join(sharedAbs, f), 'latin1').match(/^Date( \(revised v\d+\))?:/gm))
      .reduce((sum, lines) => sum + (lines?.length ?? 0), 0);
    assert.equal(dateLines, 1787);
    assert.equal(
      records.reduce((sum, r) => sum + r.versions.length, 0),
      dateLines,
    );

    const texts = files.map((f) => decodeAbsBytes(fs.readFileSync(path.join(sharedAbs, f))));
    const parseStarted = performance.now();
    for (const [n, text] of texts.entries()) parseAbs(text, files[n] ?? '');
    const parseMs = performance.now() - parseStarted;
    console.log(
      `1,132 .abs files: read and parsed in ${readMs.toFixed(0)} ms, parsed alone in ${parseMs.toFixed(0)} ms`,
    );
    assert.ok(parseMs < 1000, `parsing took ${parseMs} ms`);
  });
});
