import type { DashboardData } from './data.js';
import { dashboardScript } from './script.js';
import { dashboardStyle } from './style.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON inside <script>: no `<` (so no `</script>` or `<!--`) and no line separators survive literally. */
function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * index.html: one self-contained file, no network (the Content-Security-Policy
 * forbids any fetch, font, image or frame from elsewhere). The data sits in
 * a JSON island; the script renders it with textContent only, so nothing
 * from a submission is ever read as HTML.
 */
export function dashboardHtml(data: DashboardData): string {
  const title = `${data.title}: class dashboard`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${dashboardStyle}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p id="summary"></p></header>
<main>
<section id="problems" hidden><h2>Roster rows not graded</h2><ul id="problem-list"></ul></section>
<div class="cols">
<section><h2>Score distribution</h2><div id="distribution" class="bars" role="img" aria-label="students per score band"></div><p class="note">Students with a grade, by percent of the points possible.</p></section>
<section><h2>Criteria, most failed first (what to re-teach)</h2><label class="toggle"><input type="checkbox" id="show-all"> <span id="show-all-label"></span></label><table id="criteria"><thead><tr><th>Criterion</th><th>Level</th><th class="n">Failed</th><th>Pass rate</th></tr></thead><tbody></tbody></table></section>
</div>
<section><h2>Students</h2>
<input id="search" type="search" placeholder="Search student, name, repository or criterion" aria-label="search students">
<table id="students"><thead><tr>
<th data-key="student">Student</th><th data-key="name">Name</th><th data-key="score" class="n">Score</th><th data-key="percent" class="n">Percent</th><th data-key="status">Status</th><th data-key="failed">Failed criteria</th><th data-key="commit">Commit</th>
</tr></thead><tbody></tbody></table>
<p id="shown"></p>
</section>
<section id="detail" hidden><h2 id="detail-title"></h2><div id="detail-body"></div></section>
</main>
<script type="application/json" id="class-data">${scriptJson(data)}</script>
<script>${dashboardScript}</script>
</body>
</html>
`;
}
