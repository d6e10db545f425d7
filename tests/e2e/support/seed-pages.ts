import { readFileSync } from 'node:fs';
import { categoryFromProfileCode } from '../../../src/dataset/categories.ts';
import { parseProfile } from '../../../src/dataset/profile-importer.ts';
import type { Paper } from '../../../src/dataset/schema.ts';
import { SEED_PROFILE_PATH } from './constants.ts';
import { escapeHtml } from './html.ts';
import type { ServedPage } from './server.ts';

/**
 * Generated arXiv abstract pages, shaped like the real 2026 page in
 * tests/fixtures/arxiv-abs/1706.03762v7.html: the same <head> meta tags
 * (citation_title, citation_author "Last, First", citation_date,
 * citation_abstract, citation_arxiv_id, og:url), the same body structure
 * (#abs-outer > .leftcolumn > #abs with .dateline, h1.title, .authors,
 * blockquote.abstract, .metatable; .extra-services right-hand column; labs
 * area with its extra h1s) and the same static asset links.
 */

/** What a generated page needs. */
export interface AbsPageInput {
  /** arXiv id without version. */
  id: string;
  /** Version the page shows; default 1. */
  version?: number;
  /** Raw title (goes into citation_title and, escaped, the visible h1). */
  title: string;
  /** Display names, "First Last". */
  authors: readonly string[];
  abstract: string;
  /** Submission date, "YYYY-MM-DD". */
  date: string;
  /** Primary category, e.g. "cs.LG" (a profile code like "LG" is mapped). */
  category: string;
  /** Cross-lists, e.g. ["stat.ML"]. */
  crossLists?: readonly string[];
  /** Comments row; omitted when undefined. */
  comments?: string;
}

/** The fields of a dataset Paper the seed pages use. */
export type SeedPaper = Pick<Paper, 'title' | 'authors' | 'date' | 'abstract' | 'categories'>;

/** A generated page plus where it came from and where the browser finds it. */
export interface GeneratedPage extends ServedPage {
  /** https://arxiv.org/abs/<id> (reaches the test server through the resolver mapping). */
  url: string;
  /** The seed paper it was made from. */
  paper: SeedPaper;
}

/**
 * SYNTHETIC arXiv ids for the seed papers: "9912.000NN" (NN = 1-based
 * position in the seed profile), i.e. "December 2099, papers 1..19". The
 * seed profile carries no arXiv ids, and these cannot be real for decades,
 * so a test can never mistake them for, or collide with, a real paper.
 * They are nevertheless well-formed new-scheme ids (valid month, 5-digit
 * number as required from 1501 on), because the extension's strict
 * parseArxivId (src/arxiv/url.ts) ignores pages whose id cannot exist:
 * "2599.000NN" (month 99) would get no sidebar at all. The extension must
 * match these pages to the dataset by title (and authors), which is exactly
 * what the seed data needs.
 */
export const SYNTHETIC_ID_PREFIX = '9912.';

export function syntheticArxivId(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999) throw new Error(`synthetic id number out of range: ${n}`);
  return `${SYNTHETIC_ID_PREFIX}${String(n).padStart(5, '0')}`;
}

/** Pages for the seed papers, ids 9912.00001, 9912.00002, ... in seed order. */
export function seedPages(papers: readonly SeedPaper[]): GeneratedPage[] {
  return papers.map((paper, i) => {
    const id = syntheticArxivId(i + 1);
    const [primary = 'cs.LG', ...cross] = paper.categories;
    const input: AbsPageInput = {
      id,
      title: paper.title,
      authors: paper.authors,
      abstract: paper.abstract,
      date: paper.date,
      category: primary,
      crossLists: cross,
    };
    return { ...servedPage(input), url: `https://arxiv.org/abs/${id}`, paper };
  });
}

/** A ServedPage (for startArxivServer) for any paper, e.g. one not in the dataset. */
export function servedPage(input: AbsPageInput): ServedPage {
  return {
    id: input.id,
    title: input.title,
    authors: [...input.authors],
    abstract: input.abstract,
    date: input.date,
    html: renderAbsPage(input),
  };
}

/**
 * The seed profile's papers via the project's own importer
 * (src/dataset/profile-importer.ts parseProfile), so the pages carry exactly
 * what the dataset will hold.
 */
export function loadSeedPapers(path: string = SEED_PROFILE_PATH): SeedPaper[] {
  return parseProfile(readFileSync(path, 'utf8')).papers;
}

// ---------------------------------------------------------------------------

const ARCHIVES: Readonly<Record<string, string>> = {
  cs: 'Computer Science',
  stat: 'Statistics',
  math: 'Mathematics',
  eess: 'Electrical Engineering and Systems Science',
  physics: 'Physics',
  'q-bio': 'Quantitative Biology',
};

const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  'cs.AI': 'Artificial Intelligence',
  'cs.CL': 'Computation and Language',
  'cs.CR': 'Cryptography and Security',
  'cs.CV': 'Computer Vision and Pattern Recognition',
  'cs.IR': 'Information Retrieval',
  'cs.LG': 'Machine Learning',
  'cs.NE': 'Neural and Evolutionary Computing',
  'cs.RO': 'Robotics',
  'stat.ML': 'Machine Learning',
  'stat.ME': 'Methodology',
  'math.OC': 'Optimization and Control',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function categoryLabel(cat: string): string {
  return `${CATEGORY_NAMES[cat] ?? cat} (${cat})`;
}

/** "Aidan N. Gomez" -> { last: "Gomez", first: "Aidan N." } (last word is the surname). */
function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  const last = parts.pop() ?? name;
  return { first: parts.join(' '), last };
}

/** arXiv's author-search query: "Gomez,+A+N". */
function authorQuery(name: string): string {
  const { first, last } = splitName(name);
  const initials = first
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() ?? '');
  return [`${encodeURIComponent(last)},`, ...initials].join('+');
}

function parseDate(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime())) throw new Error(`bad date "${date}"`);
  return d;
}

/** Render a complete abstract page. */
export function renderAbsPage(p: AbsPageInput): string {
  const version = p.version ?? 1;
  const primary = categoryFromProfileCode(p.category);
  const cross = (p.crossLists ?? []).map(categoryFromProfileCode).filter((c) => c !== primary);
  const archive = primary.split('.')[0] ?? 'cs';
  const d = parseDate(p.date);
  const dayMonYear = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const e = escapeHtml;
  const title = e(p.title);
  const abstract = e(p.abstract.trim());
  const n = p.authors.length;
  const byline = n === 0 ? '' : n === 1 ? `, by ${e(p.authors[0] ?? '')}` : `, by ${e(p.authors[0] ?? '')} and ${n - 1} other author${n > 2 ? 's' : ''}`;
  const citationAuthors = p.authors
    .map((a) => {
      const { first, last } = splitName(a);
      return `<meta name="citation_author" content="${e(first ? `${last}, ${first}` : last)}" />`;
    })
    .join('');
  const authorLinks = p.authors
    .map(
      (a) =>
        `<a href="https://arxiv.org/search/${archive}?searchtype=author&amp;query=${authorQuery(a)}" rel="nofollow">${e(a)}</a>`,
    )
    .join(', ');
  const subjects = [`<span class="primary-subject">${e(categoryLabel(primary))}</span>`, ...cross.map((c) => e(categoryLabel(c)))].join('; ');
  const versionLinks =
    version === 1
      ? `[Submitted on ${dayMonYear}]`
      : `[Submitted on ${dayMonYear} (<a href="https://arxiv.org/abs/${p.id}v1">v1</a>), last revised ${dayMonYear} (this version, v${version})]`;
  const history = Array.from({ length: version }, (_, i) => {
    const v = i + 1;
    const when = `${DAYS[d.getUTCDay()]}, ${dayMonYear} 12:00:00 UTC (1,024 KB)<br/>`;
    return v === version
      ? `    <strong>[v${v}]</strong>\n        ${when}`
      : `            <strong><a href="/abs/${p.id}v${v}" rel="nofollow">[v${v}]</a></strong>\n        ${when}`;
  }).join('\n');

  return `<!DOCTYPE html>
<html lang="en">

<head><script>document.documentElement.classList.add('js');</script>  <title>[${p.id}] ${title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" type="image/png" sizes="32x32" href="/static/browse/0.3.4/images/icons/favicon-32x32.png">
  <link rel="stylesheet" type="text/css" media="screen" href="/static/browse/0.3.4/css/arXiv.css?v=20260318" />
  <link rel="stylesheet" type="text/css" media="screen" href="/static/base/1.0.1/css/arxiv-header-footer.css?v=20260626" />
  <script language="javascript" src="/static/browse/0.3.4/js/accordion.js" ></script>
  <!-- GENERATED TEST PAGE (Paper Atlas e2e). The id ${p.id} is synthetic, not a real arXiv paper. -->
  <link rel="canonical" href="https://arxiv.org/abs/${p.id}"/>
  <meta name="description" content="Abstract page for arXiv paper ${p.id}: ${title}"><meta property="og:type" content="website" />
<meta property="og:site_name" content="arXiv.org" />
<meta property="og:title" content="${title}" />
<meta property="og:url" content="https://arxiv.org/abs/${p.id}v${version}" />
<meta property="og:image" content="/static/browse/0.3.4/images/arxiv-logo-fb.png" />
<meta property="og:description" content="${abstract}"/>
<meta name="twitter:site" content="@arxiv"/>
<meta name="twitter:card" content="summary"/>
<meta name="twitter:title" content="${title}"/>
  <script src="/static/browse/0.3.4/js/mathjaxToggle.min.js" type="text/javascript"></script>
  <script src="/static/browse/0.3.4/js/cite.js" type="text/javascript"></script><meta name="citation_title" content="${title}" />${citationAuthors}<meta name="citation_date" content="${p.date.replace(/-/g, '/')}" /><meta name="citation_online_date" content="${p.date.replace(/-/g, '/')}" /><meta name="citation_pdf_url" content="https://arxiv.org/pdf/${p.id}" /><meta name="citation_arxiv_id" content="${p.id}" /><meta name="citation_abstract" content="${abstract}" />
</head>

<body ><div class="flex-wrap-footer">
    <a href="#content" class="ds-skip-link">Skip to main content</a>

<header class="ds-site-header">
  <a href="https://arxiv.org/" class="ds-site-header-logo" aria-label="archive home">
    <img src="/static/base/1.0.1/images/arxiv-logo-primary-light.svg" alt="archive">
  </a>
  <nav class="ds-site-header-nav" id="ds-site-header-nav" aria-label="Main navigation"><a id="arxiv-search-toggle" href="https://arxiv.org/search"
      aria-controls="arxiv-search-overlay" aria-expanded="false">
      <svg class="ds-nav-icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
        <circle cx="11" cy="11" r="8"/>
        <line x1="21" y1="21" x2="16.65" y2="16.65"/>
      </svg>
      Search
    </a>
    <a href="https://arxiv.org/user/create">Submit</a>
    <a href="https://info.arxiv.org/about/donate.html">Donate</a>
    <span class="ds-site-header-divider" aria-hidden="true"></span>
      <a href="https://arxiv.org/login" class="ds-site-header-login">Log in</a>
  </nav>
</header>

<div class="arxiv-search-overlay" id="arxiv-search-overlay" hidden>
  <div class="arxiv-search-panel" role="search">
    <form method="GET" action="https://arxiv.org/search">
      <label for="arxiv-search-input" class="is-sr-only">Search arXiv</label>
      <input type="text" name="query" id="arxiv-search-input" autocomplete="off"
        placeholder="Search papers by title, author, abstract, or ID...">
      <input type="hidden" name="searchtype" value="all">
      <input type="hidden" name="source" value="header">
    </form>
  </div>
</div>
    <main>
      <div id="content">
<div id="abs-outer">

  <div class="leftcolumn">
    <div class="subheader">
      <h1>${e(ARCHIVES[archive] ?? archive)} &gt; ${e(CATEGORY_NAMES[primary] ?? primary)}</h1>
    </div>

    <div class="header-breadcrumbs-mobile">
      <strong>arXiv:${p.id}</strong> (${e(archive)})
    </div>
<link rel="stylesheet" type="text/css" href="/static/base/1.0.1/css/abs.css">
<div id="content-inner">
  <div id="abs">
    <div class="dateline">
  ${versionLinks}</div>
    <h1 class="title mathjax"><span class="descriptor">Title:</span>${title}</h1>
    <div class="authors"><span class="descriptor">Authors:</span>${authorLinks}</div>            <div id="download-button-info" hidden>View a PDF of the paper titled ${title}${byline}</div>
    <a class="mobile-submission-download" href="/pdf/${p.id}">View PDF</a>

    <blockquote class="abstract mathjax">
            <span class="descriptor">Abstract:</span>${abstract}
    </blockquote>

    <!--CONTEXT-->
    <div class="metatable">
      <table summary="Additional metadata">${
        p.comments === undefined
          ? ''
          : `        <tr>
          <td class="tablecell label">Comments:</td>
          <td class="tablecell comments mathjax">${e(p.comments)}</td>
        </tr>
`
      }<tr>
          <td class="tablecell label">Subjects:</td>
          <td class="tablecell subjects">
            ${subjects}</td>
        </tr><tr>
          <td class="tablecell label">Cite as:</td>
          <td class="tablecell arxivid"><span class="arxivid"><a href="https://arxiv.org/abs/${p.id}">arXiv:${p.id}</a> [${e(primary)}]</span></td>
        </tr>
        <tr>
          <td class="tablecell label">&nbsp;</td>
          <td class="tablecell arxividv">(or <span class="arxivid">
              <a href="https://arxiv.org/abs/${p.id}v${version}">arXiv:${p.id}v${version}</a> [${e(primary)}]</span> for this version)
          </td>
        </tr></table>
    </div>
  </div>
</div>
    <div class="submission-history">
      <h2>Submission history</h2> From: ${e(p.authors[0] ?? 'Anonymous')} [<a href="/show-email/00000000/${p.id}" rel="nofollow">view email</a>]      <br/>
${history}
</div>
  </div>
  <!--end leftcolumn-->
<div class="extra-services">    <div class="full-text">
      <a name="other"></a>
      <span class="descriptor">Full-text links:</span>
      <h2>Access Paper:</h2>
      <ul>
  <div id="download-button-info" hidden>
View a PDF of the paper titled ${title}${byline}</div><li><a href="/pdf/${p.id}" aria-describedby="download-button-info" accesskey="f" class="abs-button download-pdf">View PDF</a></li><li><a href="/src/${p.id}" class="abs-button download-eprint">TeX Source
 </a></li></ul>
      <div class="abs-license"><a href="http://arxiv.org/licenses/nonexclusive-distrib/1.0/" title="Rights to this article">view license</a></div>
    </div>
    <!--end full-text-->    <div class="browse">
    <h3 class="browse-context-heading">Current browse context:</h3>
  <div class="current">${e(primary)}</div>

  <div class="prevnext">
<span class="arrow">
      <a class="abs-button prev-url" href="/prevnext?id=${p.id}&amp;function=prev&amp;context=${e(primary)}"
         accesskey="p" title="previous in ${e(primary)} (accesskey p)" rel="nofollow">&lt;&nbsp;prev</a>
    </span>
    <span class="is-hidden-mobile">&nbsp; | &nbsp;</span>    <span class="arrow">
      <a class="abs-button next-url" href="/prevnext?id=${p.id}&amp;function=next&amp;context=${e(primary)}" accesskey="n"
         title="next in ${e(primary)} (accesskey n)"  rel="nofollow">next&nbsp;&gt;</a>
    </span><br/>
  </div><div class="list">
    <a class="abs-button abs-button-grey abs-button-small context-new" href="/list/${e(primary)}/new"  rel="nofollow">new</a>
    <span class="is-hidden-mobile"> | </span>
    <a class="abs-button abs-button-grey abs-button-small context-recent" href="/list/${e(primary)}/recent" rel="nofollow">recent</a>
  </div><div class="abs-switch-cat">
    Change to browse by:
    <div class="switch context-change">
        <a href="/abs/${p.id}?context=${e(archive)}" rel="nofollow">${e(archive)}</a><br class="is-hidden-mobile">
${cross.map((c) => `        <a class="subclass" href="/abs/${p.id}?context=${e(c)}" rel="nofollow">${e(c)}</a><br class="is-hidden-mobile">`).join('\n')}
    </div>
  </div>

    </div>
      <div class="extra-ref-cite">
        <h3>References &amp; Citations</h3>
        <ul>
          <li><a  class="abs-button abs-button-small cite-ads" href="https://ui.adsabs.harvard.edu/abs/arXiv:${p.id}">NASA ADS</a></li><li><a  class="abs-button abs-button-small cite-google-scholar" href="https://scholar.google.com/scholar_lookup?arxiv_id=${p.id}" target="_blank" rel="noopener">Google Scholar</a></li>
          <li><a  class="abs-button abs-button-small cite-semantic-scholar" href="https://api.semanticscholar.org/arXiv:${p.id}" target="_blank" rel="noopener">Semantic Scholar</a></li>
        </ul>
        <div style="clear:both;"></div>
      </div>
<div class='extra-ref-cite'>
    <button type="button" id='bib-cite-trigger' class="bib-cite-button abs-button">export BibTeX citation</button>
    <span id='bib-cite-loading' hidden='true'>Loading...</span>
</div>
<div class="bookmarks">
  <div><h3>Bookmark</h3></div><a class="abs-button abs-button-grey abs-button-small" href="http://www.bibsonomy.org/BibtexHandler?requTask=upload&amp;url=https://arxiv.org/abs/${p.id}&amp;description=${title}"
     title="Bookmark on BibSonomy">
    <img src="/static/browse/0.3.4/images/icons/social/bibsonomy.png"
         alt="BibSonomy"/>
  </a>
</div>  </div>
  <!--end extra-services-->
<!-- LABS AREA -->
<div id="labstabs">
  <div class="labstabs" role="tablist" aria-label="arXivLabs tools"><input type="radio" name="tabs" id="tabone"checked="checked"class="labs-tab-input">
    <label for="tabone" role="tab" aria-selected="true" aria-controls="tabpanel-one" id="tab-label-one">Bibliographic Tools</label>
    <div class="tab labs-display-bib" role="tabpanel" id="tabpanel-one" aria-labelledby="tab-label-one">
      <h1>Bibliographic and Citation Tools</h1>
      <div class="toggle">
        <div class="columns is-mobile lab-row">
          <div class="column lab-switch">
            <label class="switch">
              <input id="bibex-toggle" type="checkbox" class="lab-toggle"
                     data-script-url="/static/browse/0.3.4/bibex/bibex.js?20241202">
              <span class="slider"></span>
              <span class="is-sr-only">Bibliographic Explorer Toggle</span>
            </label>
          </div>
          <div class="column lab-name">
            <span id="label-for-bibex">Bibliographic Explorer</span> <em>(<a href="https://info.arxiv.org/labs/showcase.html#arxiv-bibliographic-explorer">What is the Explorer?</a>)</em>
          </div>
        </div>
      </div>
      <div id="bibex-output" style="display:none"></div>
    </div>
      <input type="radio" name="tabs" id="tabfive" class="labs-tab-input">
      <label for="tabfive" role="tab" aria-selected="false" aria-controls="tabpanel-five" id="tab-label-five">
        About arXivLabs
      </label>
      <div class="tab" role="tabpanel" id="tabpanel-five" aria-labelledby="tab-label-five">
        <div class="columns">
          <div class="column">
            <h1>arXivLabs: experimental projects with community collaborators</h1>
            <p>arXivLabs is a framework that allows collaborators to develop and share new arXiv features directly on our website.</p>
          </div>
        </div>
      </div>
    </div>
</div>
<!-- END LABS AREA -->
  <div class="endorsers">
    <a href="/auth/show-endorsers/${p.id}" class="endorser-who" rel="nofollow">Which authors of this paper are endorsers?</a> |
    <a id="mathjax_toggle" href="javascript:setMathjaxCookie()">Disable MathJax</a> (<a href="https://info.arxiv.org/help/mathjax.html">What is MathJax?</a>)
  </div>
</div>
      </div>
    </main>

<footer class="ds-site-footer">
  <div class="ds-site-footer-grid">
    <div class="ds-site-footer-main">
      <nav class="ds-site-footer-links" aria-label="Site navigation">
        <a href="https://info.arxiv.org/about">About</a>
        <span class="ds-site-footer-sep" aria-hidden="true">&middot;</span>
        <a href="https://info.arxiv.org/help">Help</a>
      </nav>
    </div>
  </div>
</footer>  </div>

  <script src="/static/base/1.0.1/js/arxiv-header.js?v=20260626"></script>

</body>

</html>
`;
}
