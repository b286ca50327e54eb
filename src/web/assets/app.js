// giamsat: the organisation tree loads a unit's children when its node is
// opened, from GET /api/v1/units/CODE (the browser's session cookie is
// accepted for GET). DOM built with textContent only: never innerHTML.
'use strict';

(function () {
  function fmtDate(iso) {
    if (!iso) return '';
    var p = iso.split('-');
    return p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : iso;
  }
  function today() {
    var d = new Date(Date.now() + 7 * 3600 * 1000); // Asia/Ho_Chi_Minh
    return d.toISOString().slice(0, 10);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function unitHref(code) { return '/don-vi/' + encodeURIComponent(code); }

  function item(u) {
    var li = el('li');
    var gone = u.valid_to && u.valid_to < today();
    var extra = [];
    if (gone) extra.push(el('span', 'muted', ' (đến ' + fmtDate(u.valid_to) + ')'));
    if (u.demo) extra.push(el('span', 'badge demo', 'Dữ liệu mẫu'));
    if (u.child_count > 0) {
      var d = el('details');
      d.dataset.code = u.code;
      var s = el('summary');
      s.appendChild(el('span', 'name', u.name));
      s.appendChild(document.createTextNode(' '));
      s.appendChild(el('span', 'kind', u.kind_label));
      extra.forEach(function (x) { s.appendChild(document.createTextNode(' ')); s.appendChild(x); });
      s.appendChild(document.createTextNode(' '));
      s.appendChild(el('span', 'count', u.child_count + ' đơn vị trực thuộc'));
      d.appendChild(s);
      var ul = el('ul', 'children');
      var open = el('li', 'open-unit');
      var a = el('a', null, 'Xem trang đơn vị ' + u.name);
      a.href = unitHref(u.code);
      open.appendChild(a);
      ul.appendChild(open);
      d.appendChild(ul);
      d.addEventListener('toggle', onToggle);
      li.appendChild(d);
    } else {
      li.className = 'leaf';
      var link = el('a', null, u.name);
      link.href = unitHref(u.code);
      li.appendChild(link);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', 'kind', u.kind_label));
      extra.forEach(function (x) { li.appendChild(document.createTextNode(' ')); li.appendChild(x); });
    }
    return li;
  }

  function onToggle(ev) {
    var d = ev.currentTarget;
    if (!d.open || d.dataset.loaded) return;
    d.dataset.loaded = '1';
    var ul = d.querySelector('ul.children');
    var wait = el('li', 'muted', 'Đang tải…');
    ul.appendChild(wait);
    fetch('/api/v1/units/' + encodeURIComponent(d.dataset.code), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (j) {
      wait.remove();
      (j.children || []).forEach(function (u) { ul.appendChild(item(u)); });
    }).catch(function () {
      wait.textContent = 'Không tải được danh sách đơn vị trực thuộc. Hãy tải lại trang.';
      delete d.dataset.loaded;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.tree details[data-code]').forEach(function (d) {
      d.addEventListener('toggle', onToggle);
    });
  });
})();
