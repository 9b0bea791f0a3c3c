/* dashboard.js - the script of the dashboard that `ceo dashboard` writes (put inside the file).
 * Draws the figures of the embedded data (#ceo-data) for the filters chosen: tables with
 * captions and headers, charts as SVG with a title, a description and their numbers in the
 * table beside them. Plain JavaScript (ES5), no library, no request to anything. It computes
 * no figure: every number shown is one of the data's, formatted the Dutch way; the script only
 * picks the entries of the selection chosen. Texts come from the data (teksten.txt). */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('ceo-data').textContent);
  var T = D.t;
  var NQ = D.vragen.length;
  var SVGNS = 'http://www.w3.org/2000/svg';
  /* lines and bars: at least 3:1 against white; told apart by dash and marker as well */
  var COLOURS = ['#1f4e79', '#b35900', '#2e6b30', '#7b2d8e', '#4d4d4d', '#8a1c1c'];
  var DASHES = ['', '7 4', '2 3', '9 3 2 3', '4 2', '1 3'];
  var uid = 0;

  function byId(id) { return document.getElementById(id); }

  function tx(key, vars) {
    var s = T[key] === undefined ? key : T[key];
    return s.replace(/\{([a-z_]+)\}/g, function (m, k) {
      return vars && vars[k] !== undefined ? String(vars[k]) : m;
    });
  }

  function set(e, attrs) {
    for (var k in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] !== null &&
          attrs[k] !== undefined) {
        e.setAttribute(k, attrs[k]);
      }
    }
  }

  function add(e, kids) {
    if (kids === null || kids === undefined) return;
    if (!Array.isArray(kids)) kids = [kids];
    kids.forEach(function (k) {
      if (k === null || k === undefined) return;
      e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
    });
  }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    set(e, attrs);
    add(e, kids);
    return e;
  }

  function sv(tag, attrs, kids) {
    var e = document.createElementNS(SVGNS, tag);
    set(e, attrs);
    add(e, kids);
    return e;
  }

  /* ---- numbers the Dutch way ---- */
  function num(v, d) { return v.toFixed(d).replace('.', ','); }
  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }
  function pct(v) { return num(v, 1) + '%'; }
  function range(lo, hi) {
    if (lo === null || hi === null || lo === undefined || hi === undefined) return '';
    return tx(lo < 0 || hi < 0 ? 'dashboard.interval_negatief' : 'dashboard.interval',
              {laag: num(lo, 1), hoog: num(hi, 1)});
  }

  /* An entry is null (no figure), 0 (hidden) or [n, figure, low, high(, 1: indicative)]. */
  function shown(e) { return e !== null && e !== undefined && e !== 0; }

  function td(cls, kids) { return el('td', {'class': cls}, kids); }

  function nCell(e) {
    if (e === 0) return td('n', '');
    return shown(e) ? td('n', count(e[0])) : td('n leeg', '\u2013');
  }

  function valueCell(e, kind, cls) {
    if (e === 0) return td((cls || 'v') + ' leeg', tx('dashboard.niet_getoond'));
    if (!shown(e) || e[1] === null) return td((cls || 'v') + ' leeg', '\u2013');
    var kids = [kind === 'c' || kind === 's' ? num(e[1], 1) : pct(e[1])];
    if (e[4] === 1) kids.push(el('span', {'class': 'ind'}, ' (' + tx('dashboard.indicatief') + ')'));
    return td(cls || 'v', kids);
  }

  function ciCell(e) { return td('ci', shown(e) ? range(e[2], e[3]) : ''); }

  /* A table: caption, column headers, rows {key, label, cells, cls}; in a box that scrolls
   * sideways on a narrow screen (made focusable when it does, fitted()). */
  function table(caption, head, rows) {
    var t = el('table', null, el('caption', null, caption));
    var tr = el('tr');
    head.forEach(function (h) { tr.appendChild(el('th', {scope: 'col'}, h)); });
    t.appendChild(el('thead', null, tr));
    var tb = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr', {'data-q': r.key, 'class': r.cls || null},
                   el('th', {scope: 'row'}, r.label));
      r.cells.forEach(function (c) { row.appendChild(c); });
      tb.appendChild(row);
    });
    t.appendChild(tb);
    return el('div', {'class': 'scroll', 'data-label': caption}, t);
  }

  /* A box that scrolls can be reached and scrolled with the keyboard, and is named. */
  function fitted() {
    Array.prototype.forEach.call(document.querySelectorAll('.scroll'), function (b) {
      if (b.scrollWidth > b.clientWidth + 1) {
        set(b, {tabindex: '0', role: 'region',
                'aria-label': b.getAttribute('data-label') + ' (' + tx('dashboard.tabel.scroll') + ')'});
      } else {
        b.removeAttribute('tabindex');
        b.removeAttribute('role');
        b.removeAttribute('aria-label');
      }
    });
  }

  /* An SVG chart with role img, named by its title and described. */
  function chart(width, height, title, desc) {
    var id = 'g' + (++uid);
    var s = sv('svg', {viewBox: '0 0 ' + width + ' ' + height, width: width, height: height,
                       role: 'img', 'aria-labelledby': id + 't ' + id + 'd'});
    s.appendChild(sv('title', {id: id + 't'}, title));
    s.appendChild(sv('desc', {id: id + 'd'}, desc));
    return s;
  }

  function boxWidth(box) {
    var w = box.clientWidth || 600;
    return Math.max(260, Math.min(w, 860));
  }

  /* ---- the selection ---- */
  var F = {g: byId('f-gemeente'), v: byId('f-voorziening'), a: byId('f-aanbieder'),
           p: byId('f-periode')};

  function selection() {
    var s = {p: F.p.value, g: F.g.value, v: F.v.value, a: F.a.value};
    var C = D.cijfers[s.p] || {};
    var chosen = [];
    if (s.g) chosen.push(['gemeente', s.g]);
    if (s.v) chosen.push(['voorziening', s.v]);
    if (s.a) chosen.push(['aanbieder', s.a]);
    s.regionRow = C.totaal;
    s.period = F.p.options[F.p.selectedIndex].text;
    if (!chosen.length) {
      s.dim = 'totaal';
      s.name = D.regio;
      s.row = C.totaal;
    } else if (chosen.length === 1) {
      s.dim = chosen[0][0];
      s.name = chosen[0][1];
      s.row = C[s.dim] && C[s.dim][s.name];
    } else if (chosen.length === 2 && s.g && s.a && C['gemeente+aanbieder']) {
      s.dim = 'gemeente+aanbieder';
      s.name = tx('dashboard.keuze.gemeente_aanbieder', {gemeente: s.g, aanbieder: s.a});
      s.row = C['gemeente+aanbieder'][s.g] && C['gemeente+aanbieder'][s.g][s.a];
    } else {
      s.unavailable = true;
    }
    return s;
  }

  /* ---- the themes: a bar chart and its table ---- */
  function themeChart(s, box) {
    var series = [{name: s.name, row: s.row, fill: COLOURS[0]}];
    if (s.dim !== 'totaal' && s.regionRow) {
      series.push({name: D.regio, row: s.regionRow, fill: '#ffffff'});
    }
    var W = boxWidth(box), valueW = 64, barW = W - valueW - 4;
    var lineH = 20, barH = 16, gap = 14;
    var per = lineH + series.length * (barH + 4) + gap;
    var H = D.themas.length * per + 24;
    var svg = chart(W, H, tx('dashboard.grafiek.themas', {keuze: s.name}),
                    tx('dashboard.grafiek.themas.uitleg', {keuze: s.name, regio: D.regio}));
    [0, 25, 50, 75, 100].forEach(function (t) {
      var x = 1 + barW * t / 100;
      svg.appendChild(sv('line', {x1: x, x2: x, y1: 0, y2: H - 20, stroke: '#d0d0d0'}));
      svg.appendChild(sv('text', {x: x, y: H - 6, 'font-size': 12,
                                  'text-anchor': t === 0 ? 'start' : t === 100 ? 'end' : 'middle'},
                         t + '%'));
    });
    D.themas.forEach(function (th, i) {
      var y = i * per;
      svg.appendChild(sv('text', {x: 0, y: y + 14, 'font-size': 14, 'font-weight': 700}, th[1]));
      series.forEach(function (se, k) {
        var e = se.row ? se.row[NQ + i] : null, by = y + lineH + k * (barH + 4);
        if (shown(e)) {
          var w = Math.max(1, barW * e[1] / 100);
          svg.appendChild(sv('rect', {x: 1, y: by, width: w, height: barH, fill: se.fill,
                                      stroke: COLOURS[0], 'stroke-width': 1.5}));
          svg.appendChild(sv('text', {x: w + 6, y: by + barH - 3, 'font-size': 13}, pct(e[1])));
        } else {
          svg.appendChild(sv('text', {x: 4, y: by + barH - 3, 'font-size': 13},
                             e === 0 ? tx('dashboard.niet_getoond') : '\u2013'));
        }
      });
    });
    var fig = el('figure', null, svg);
    if (series.length > 1) {
      var ul = el('ul', {'class': 'legenda'});
      series.forEach(function (se) {
        var sw = sv('svg', {width: 22, height: 14, 'aria-hidden': 'true', focusable: 'false'},
                    sv('rect', {x: 1, y: 1, width: 20, height: 12, fill: se.fill,
                                stroke: COLOURS[0], 'stroke-width': 1.5}));
        ul.appendChild(el('li', null, [sw, se.name]));
      });
      fig.appendChild(ul);
    }
    return fig;
  }

  function themes(s, box) {
    if (!D.themas.length) return false;
    box.appendChild(themeChart(s, box));
    var region = s.dim === 'totaal';
    var head = [tx('kolom.thema'), tx('kolom.n'), tx('kolom.positief')];
    if (!region) head.push(tx('kolom.regio'));
    var rows = D.themas.map(function (th, i) {
      var e = s.row[NQ + i], cells = [nCell(e), valueCell(e, 't')];
      if (!region) cells.push(valueCell(s.regionRow ? s.regionRow[NQ + i] : null, 't', 'r'));
      return {key: th[0], label: th[1], cells: cells};
    });
    box.appendChild(table(tx('dashboard.tabel.themas', {keuze: s.name}), head, rows));
    return true;
  }

  /* ---- the statements per theme, the questions of no theme, the marks ---- */
  function questionRows(s, pick) {
    var region = s.dim === 'totaal', rows = [];
    D.vragen.forEach(function (q, i) {
      if (!pick(q)) return;
      var e = s.row[i];
      var label = q[2] === 's' ? q[3] + ' ' + tx('label.nps') : q[3];
      var cells = [nCell(e), valueCell(e, q[2]), ciCell(e)];
      if (!region) cells.push(valueCell(s.regionRow ? s.regionRow[i] : null, q[2], 'r'));
      rows.push({key: q[0], label: label, cells: cells});
    });
    return rows;
  }

  function questionHead(s, valueKey) {
    var head = [tx('kolom.vraag'), tx('kolom.n'), tx(valueKey), tx('kolom.bi')];
    if (s.dim !== 'totaal') head.push(tx('kolom.regio'));
    return head;
  }

  function statements(s, box) {
    var any = false, themeIds = D.themas.map(function (t) { return t[0]; });
    D.themas.forEach(function (th) {
      var rows = questionRows(s, function (q) { return q[2] === 'p' && q[1] === th[0]; });
      if (!rows.length) return;
      any = true;
      box.appendChild(el('h3', null, th[1]));
      box.appendChild(table(tx('dashboard.tabel.stellingen', {thema: th[1], keuze: s.name}),
                            questionHead(s, 'kolom.positief'), rows));
    });
    var rest = questionRows(s, function (q) {
      return q[2] === 'p' && themeIds.indexOf(q[1]) < 0;
    });
    if (rest.length) {
      any = true;
      box.appendChild(el('h3', null, tx('kop.losse_vragen')));
      box.appendChild(table(tx('dashboard.tabel.overig', {keuze: s.name}),
                            questionHead(s, 'kolom.positief'), rest));
    }
    return any;
  }

  function marks(s, box) {
    var rows = questionRows(s, function (q) { return q[2] === 'c' || q[2] === 's'; });
    if (!rows.length) return false;
    box.appendChild(table(tx('dashboard.tabel.cijfers', {keuze: s.name}),
                          questionHead(s, 'dashboard.kolom.gemiddelde'), rows));
    return true;
  }

  /* ---- the home-care providers ---- */
  function providers(s, box) {
    var H = D.hv[s.p];
    if (!D.hv.alles) return false;
    if (!H || s.dim === 'voorziening') {
      box.appendChild(el('p', null, tx('dashboard.hv.niet_beschikbaar')));
      return true;
    }
    var part = s.g ? H.gemeente[s.g] : H.totaal;
    if (!part || !part.r.length) {
      box.appendChild(el('p', null, tx('dashboard.hv.geen')));
    } else {
      var head = [tx('kolom.aanbieder'), tx('kolom.n'), tx('kolom.hv_positief'), tx('kolom.cijfer'),
                  tx('kolom.bi'), tx('kolom.nps'), tx('kolom.bi')];
      var rows = part.r.map(function (r) {
        var picked = r[0] === s.a;
        var n = r[1] === null ? td('n leeg', '\u2013') : td('n', count(r[1]));
        var ind = r[9] === 1;
        function val(v, p) {
          if (v === null) return td('v leeg', tx('dashboard.niet_getoond'));
          var kids = [p ? pct(v) : num(v, 1)];
          if (ind) kids.push(el('span', {'class': 'ind'}, ' (' + tx('dashboard.indicatief') + ')'));
          return td('v', kids);
        }
        return {key: r[0], cls: picked ? 'gekozen' : null,
                label: picked ? r[0] + ' ' + tx('dashboard.hv.gekozen') : r[0],
                cells: [n, val(r[2], true), val(r[3], false), td('ci', range(r[4], r[5])),
                        val(r[6], false), td('ci', range(r[7], r[8]))]};
      });
      box.appendChild(table(tx('dashboard.tabel.hv', {keuze: s.g || D.regio}), head, rows));
    }
    if (part && part.v) {
      box.appendChild(el('p', null, tx('dashboard.hv.verborgen', {aantal: part.v, min_n: D.min_n})));
    }
    return true;
  }

  /* ---- the trend per quarter: a line chart and its table ---- */
  function quarterRow(s, q) {
    var C = D.cijfers[q];
    if (!C) return null;
    return s.dim === 'totaal' ? C.totaal : C[s.dim] && C[s.dim][s.name];
  }

  function trendChart(s, box, quarters, series) {
    var W = boxWidth(box), H = 250, left = 46, right = 32, top = 10, bottom = 44;
    var pw = W - left - right, ph = H - top - bottom;
    var lo = 100, hi = 0;
    series.forEach(function (se) {
      se.values.forEach(function (e) {
        if (shown(e)) { lo = Math.min(lo, e[1]); hi = Math.max(hi, e[1]); }
      });
    });
    lo = Math.max(0, Math.floor(lo / 10) * 10 - 10);
    hi = Math.min(100, Math.ceil(hi / 10) * 10 + 10);
    var step = hi - lo > 50 ? 20 : 10;
    var svg = chart(W, H, tx('dashboard.grafiek.trend', {keuze: s.name}),
                    tx('dashboard.grafiek.trend.uitleg', {keuze: s.name}));
    function x(i) { return left + (quarters.length > 1 ? pw * i / (quarters.length - 1) : pw / 2); }
    function y(v) { return top + ph * (hi - v) / (hi - lo); }
    for (var t = lo; t <= hi; t += step) {
      svg.appendChild(sv('line', {x1: left, x2: W - right, y1: y(t), y2: y(t), stroke: '#d0d0d0'}));
      svg.appendChild(sv('text', {x: left - 6, y: y(t) + 4, 'font-size': 12, 'text-anchor': 'end'},
                         t + '%'));
    }
    /* labels centred on their quarter, at least 66 px apart (a label is about 56 px wide) */
    var every = quarters.length > 1 ? Math.max(1, Math.ceil(66 / (pw / (quarters.length - 1)))) : 1;
    quarters.forEach(function (q, i) {
      if (i % every) return;
      svg.appendChild(sv('text', {x: x(i), y: H - bottom + 18, 'font-size': 12,
                                  'text-anchor': 'middle'}, q));
    });
    series.forEach(function (se, k) {
      var colour = COLOURS[k % COLOURS.length], d = '', pen = false;
      se.values.forEach(function (e, i) {
        if (!shown(e)) { pen = false; return; }
        d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(e[1]).toFixed(1);
        pen = true;
      });
      if (d) {
        svg.appendChild(sv('path', {d: d, fill: 'none', stroke: colour, 'stroke-width': 2.5,
                                    'stroke-dasharray': DASHES[k % DASHES.length] || null}));
      }
      se.values.forEach(function (e, i) {
        if (shown(e)) svg.appendChild(marker(k, x(i), y(e[1]), colour));
      });
    });
    var ul = el('ul', {'class': 'legenda'});
    series.forEach(function (se, k) {
      var colour = COLOURS[k % COLOURS.length];
      var sw = sv('svg', {width: 34, height: 14, 'aria-hidden': 'true', focusable: 'false'}, [
        sv('line', {x1: 1, x2: 33, y1: 7, y2: 7, stroke: colour, 'stroke-width': 2.5,
                    'stroke-dasharray': DASHES[k % DASHES.length] || null}),
        marker(k, 17, 7, colour)]);
      ul.appendChild(el('li', null, [sw, se.name]));
    });
    return el('figure', null, [svg, ul]);
  }

  /* A point of series k: circle, square, triangle, diamond, ... */
  function marker(k, cx, cy, colour) {
    var r = 4.5, shape = k % 4, a = {fill: colour, stroke: '#ffffff', 'stroke-width': 1};
    if (shape === 0) { a.cx = cx; a.cy = cy; a.r = r; return sv('circle', a); }
    if (shape === 1) { a.x = cx - r; a.y = cy - r; a.width = 2 * r; a.height = 2 * r; return sv('rect', a); }
    var pts = shape === 2
        ? [[cx, cy - r - 1], [cx + r + 1, cy + r], [cx - r - 1, cy + r]]
        : [[cx, cy - r - 1], [cx + r + 1, cy], [cx, cy + r + 1], [cx - r - 1, cy]];
    a.points = pts.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' ');
    return sv('polygon', a);
  }

  function trend(s, box) {
    var quarters = D.perioden.filter(function (p) { return p[1] === 'k'; })
                             .map(function (p) { return p[0]; });
    if (!quarters.length || !D.themas.length) return false;
    if (s.dim === 'gemeente+aanbieder') {
      box.appendChild(el('p', null, tx('dashboard.trend.niet_beschikbaar')));
      return true;
    }
    var rows = quarters.map(function (q) { return quarterRow(s, q); });
    var series = D.themas.map(function (th, i) {
      return {name: th[1], values: rows.map(function (r) { return r ? r[NQ + i] : null; })};
    });
    var periods = rows.filter(function (r, k) {
      return series.some(function (se) { return shown(se.values[k]); });
    }).length;
    if (periods < 2) {
      box.appendChild(el('p', null, tx('trend.geen')));
      return true;
    }
    box.appendChild(trendChart(s, box, quarters, series));
    var head = [tx('dashboard.kolom.kwartaal')].concat(D.themas.map(function (th) {
      return th[1];
    }));
    var trows = quarters.map(function (q, k) {
      return {key: q, label: q, cells: series.map(function (se) {
        var e = se.values[k];
        if (e === 0) return td('v leeg', tx('dashboard.niet_getoond'));
        if (!shown(e)) return td('v leeg', '\u2013');
        return td('tv', pct(e[1]) + ' (' + count(e[0]) + ')');
      })};
    });
    box.appendChild(table(tx('dashboard.tabel.trend', {keuze: s.name}), head, trows));
    return true;
  }

  /* ---- drawing ---- */
  var parts = [['themas', themes], ['stellingen', statements], ['rapportcijfers', marks],
               ['hv', providers], ['trend', trend]];

  function render() {
    var s = selection(), status = byId('keuze'), all = byId('cijfers');
    parts.forEach(function (p) { byId(p[0]).textContent = ''; });
    if (s.unavailable || !s.row) {
      status.textContent = s.unavailable ? tx('dashboard.niet_beschikbaar')
                                         : tx('dashboard.geen_antwoorden', {keuze: s.name});
      status.className = 'keuze melding';
      all.hidden = true;
      return;
    }
    status.textContent = tx('dashboard.keuze', {keuze: s.name, periode: s.period});
    status.className = 'keuze';
    all.hidden = false;
    parts.forEach(function (p) {
      var box = byId(p[0]);
      box.parentNode.hidden = false; /* drawn at its width */
      box.parentNode.hidden = !p[1](s, box);
    });
    fitted();
  }

  [F.g, F.v, F.a, F.p].forEach(function (f) { f.addEventListener('change', render); });
  var lastWidth = window.innerWidth, pending = null;
  window.addEventListener('resize', function () {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    clearTimeout(pending);
    pending = setTimeout(render, 150);
  });
  render();
}());
