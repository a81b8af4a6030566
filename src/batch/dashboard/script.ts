/** The dashboard's own script: renders the JSON island with textContent only. Plain ES2020, no libraries. */
export const dashboardScript = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('class-data').textContent);
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function num(v) { return v === null || v === undefined ? '' : String(v); }
  var s = data.summary;
  document.getElementById('summary').textContent = s.students + ' students · ' + s.pass + ' pass · ' + s.fail + ' fail · ' + s.error + ' error' +
    (s.mean === null ? '' : ' · mean ' + s.mean + '% · median ' + s.median + '%');

  if (data.rosterProblems.length) {
    document.getElementById('problems').hidden = false;
    var list = document.getElementById('problem-list');
    data.rosterProblems.forEach(function (p) { list.appendChild(el('li', { text: 'line ' + p.line + ': ' + p.message })); });
  }

  var most = Math.max.apply(null, data.distribution.map(function (b) { return b.count; }).concat([1]));
  var bars = document.getElementById('distribution');
  data.distribution.slice().reverse().forEach(function (b) {
    var fill = el('span', { className: 'fill' });
    fill.style.width = (b.count / most) * 100 + '%';
    bars.appendChild(el('div', { className: 'bar', 'data-band': b.label, title: b.label + ': ' + b.count }, [
      el('span', { className: 'label', text: b.label }), el('span', { className: 'track' }, [fill]), el('span', { className: 'count', text: String(b.count) })]));
  });

  var ctbody = document.querySelector('#criteria tbody');
  data.criteria.forEach(function (c) {
    var rate = el('span', { className: 'rate' }, [el('span')]);
    rate.firstChild.style.width = (c.passRate || 0) + '%';
    ctbody.appendChild(el('tr', { 'data-id': c.id, className: c.fail + c.error ? 'missed' : 'all-passed' }, [
      el('td', { text: c.id + ' ' + c.title }), el('td', { text: c.level }),
      el('td', { className: 'n failed', text: String(c.fail + c.error) }),
      el('td', {}, [rate, el('span', { className: 'pass-rate', text: c.passRate === null ? 'n/a' : c.passRate + '% (' + c.pass + '/' + c.graded + ')' })])]));
  });

  var allPassed = data.criteria.filter(function (c) { return !(c.fail + c.error); }).length;
  var toggle = document.getElementById('show-all');
  document.getElementById('show-all-label').textContent = 'also show the ' + allPassed + ' criteria no student missed';
  toggle.addEventListener('change', function () { document.getElementById('criteria').classList.toggle('show-all', toggle.checked); });

  var rows = data.students.slice();
  var sortKey = null, sortDir = 1, selected = null;
  var tbody = document.querySelector('#students tbody');
  var search = document.getElementById('search');
  function key(st, k) {
    var v = k === 'failed' ? st.failed.length : st[k];
    return v === null || v === undefined ? -Infinity : v;
  }
  function render() {
    var q = search.value.trim().toLowerCase();
    var shown = rows.filter(function (st) {
      return !q || [st.student, st.name, st.repository, st.status, st.failed.join(' ')].join(' ').toLowerCase().indexOf(q) >= 0;
    });
    if (sortKey) shown.sort(function (a, b) {
      var x = key(a, sortKey), y = key(b, sortKey);
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
    });
    tbody.textContent = '';
    shown.forEach(function (st) {
      var tr = el('tr', { 'data-student': st.student }, [
        el('td', { className: 'student', text: st.student }), el('td', { text: st.name }),
        el('td', { className: 'n score', text: st.score === null ? '' : st.score + '/' + st.possible }),
        el('td', { className: 'n percent', text: num(st.percent) }),
        el('td', { className: 'status status-' + st.status, text: st.status }),
        el('td', { className: 'failed', text: st.failed.join(' ') }), el('td', { text: st.commit })]);
      if (selected === st.student) tr.className = 'selected';
      tr.addEventListener('click', function () { show(st); });
      tbody.appendChild(tr);
    });
    document.getElementById('shown').textContent = shown.length + ' of ' + rows.length + ' students';
  }
  document.querySelectorAll('#students th[data-key]').forEach(function (th) {
    th.addEventListener('click', function () {
      var k = th.getAttribute('data-key');
      sortDir = sortKey === k ? -sortDir : 1;
      sortKey = k;
      document.querySelectorAll('#students th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(sortDir > 0 ? 'sorted-asc' : 'sorted-desc');
      render();
    });
  });
  search.addEventListener('input', render);

  function show(st) {
    selected = st.student;
    var box = document.getElementById('detail');
    box.hidden = false;
    document.getElementById('detail-title').textContent = st.student + (st.name ? ' (' + st.name + ')' : '') + ': ' +
      (st.score === null ? st.status : st.score + '/' + st.possible + ' (' + st.percent + '%) ' + st.status);
    var body = document.getElementById('detail-body');
    body.textContent = '';
    body.appendChild(el('p', { text: 'Repository: ' + st.repository + (st.commit ? ' at ' + st.commit : '') + (st.gradedAt ? ', graded ' + st.gradedAt : '') }));
    var links = el('p', { className: 'links' }, [el('a', { href: st.folder + '/feedback.md', text: 'feedback.md' })]);
    if (st.hasReport) ['rock-check.md', 'rock-check.json', 'rock-check.xml'].forEach(function (f) { links.appendChild(el('a', { href: st.folder + '/' + f, text: f })); });
    body.appendChild(links);
    if (st.reason) body.appendChild(el('p', { className: 'status-error', text: 'Not graded: ' + st.reason }));
    function findings(block, list) {
      list.forEach(function (f) {
        block.appendChild(el('div', { className: 'finding' }, [el('code', { text: f.where }), ': ' + f.message]));
        if (f.hint) block.appendChild(el('div', { className: 'hint', text: 'Hint: ' + f.hint }));
      });
    }
    st.problems.forEach(function (c) {
      var block = el('div', { className: 'criterion', 'data-id': c.id }, [el('h3', { text: c.id + ' ' + c.title + ' (' + c.level + ', ' + c.points + ' pts, ' + c.status + ')' })]);
      if (c.reason && !c.findings.length) block.appendChild(el('p', { text: c.reason }));
      findings(block, c.findings);
      body.appendChild(block);
    });
    if (!st.problems.length && !st.reason) body.appendChild(el('p', { text: 'Every criterion passes.' }));
    st.advice.forEach(function (c) {
      var block = el('div', { className: 'criterion advice', 'data-id': c.id }, [el('h3', { text: c.id + ' ' + c.title + ' (' + c.level + ', ' + c.points + ' pts, pass: advice, costs no points)' })]);
      findings(block, c.findings);
      body.appendChild(block);
    });
    if (st.history.length > 1) {
      var h = el('table', { className: 'history' }, [el('thead', {}, [el('tr', {}, [el('th', { text: 'Graded at' }), el('th', { text: 'Commit' }), el('th', { text: 'Score' }), el('th', { text: 'Status' })])])]);
      var hb = el('tbody');
      st.history.forEach(function (g) {
        hb.appendChild(el('tr', {}, [el('td', { text: g.gradedAt }), el('td', { text: g.commit }), el('td', { text: g.score === null ? '' : g.score + '/' + g.possible }), el('td', { text: g.status })]));
      });
      h.appendChild(hb);
      body.appendChild(el('h3', { text: 'History' }));
      body.appendChild(h);
    }
    render();
    box.scrollIntoView({ block: 'nearest' });
  }
  render();
})();
`;
