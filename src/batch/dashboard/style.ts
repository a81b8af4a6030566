export const dashboardStyle = `
:root { font-family: system-ui, sans-serif; color: #1d232a; background: #f6f7f9; }
body { margin: 0; }
header { background: #1f3b57; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 1.4rem; }
header p { margin: 0; opacity: .9; }
main { padding: 16px 24px; max-width: 1400px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h2 { font-size: 1.05rem; margin: 0 0 10px; }
.cols { display: grid; grid-template-columns: minmax(280px, 1fr) 2fr; gap: 16px; }
.cols section { margin-bottom: 16px; }
.bars { display: flex; flex-direction: column; gap: 4px; }
.bar { display: grid; grid-template-columns: 70px 1fr 32px; align-items: center; gap: 6px; font-size: .8rem; }
.bar .track { background: #eef1f4; border-radius: 3px; height: 16px; overflow: hidden; }
.bar .fill { display: block; height: 100%; background: #3f7cbf; }
.bar .count { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #5b6570; font-size: .8rem; margin: 8px 0 0; }
.toggle { font-size: .82rem; color: #5b6570; display: block; margin-bottom: 6px; }
#criteria tr.all-passed { display: none; } #criteria.show-all tr.all-passed { display: table-row; }
.cols { align-items: start; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceff2; vertical-align: top; }
th[data-key] { cursor: pointer; user-select: none; }
th[data-key]:hover { background: #eef3f8; }
th.sorted-asc::after { content: " ▲"; } th.sorted-desc::after { content: " ▼"; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.rate { display: inline-block; width: 120px; height: 10px; background: #f1d4d4; border-radius: 5px; vertical-align: middle; margin-right: 6px; overflow: hidden; }
.rate span { display: block; height: 100%; background: #3c9d5d; }
.status-pass { color: #1d7a3d; font-weight: 600; } .status-fail { color: #b3261e; font-weight: 600; } .status-error { color: #9a6700; font-weight: 600; }
#students tbody tr { cursor: pointer; } #students tbody tr:hover, #students tbody tr.selected { background: #eef3f8; }
#search { width: 100%; max-width: 420px; padding: 6px 8px; margin-bottom: 8px; font-size: .95rem; }
.finding { margin: 2px 0 2px 16px; font-size: .88rem; } .finding code { background: #f0f2f4; padding: 0 3px; }
.hint { color: #555; margin-left: 32px; font-size: .85rem; }
.criterion.advice h3 { color: #9a6700; }
.links a { margin-right: 12px; }
`;
