// Progressive enhancement only: every page works without this script.
// 1. Instant search results under a search box (GET /api/v1/films?q=…).
// 2. Dropping a file on the review textarea reads it into the box.
// 3. The editors' queue: j/k move between reviews, f/r/c/e press that review's Fresh/Rotten/Right/Edit control.
/* global document */
'use strict';
(function () {
  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  function text(tag, s) {
    var el = document.createElement(tag);
    el.textContent = s;
    return el;
  }
  document.querySelectorAll('input[data-instant]').forEach(function (input) {
    var box = document.getElementById(input.getAttribute('data-instant'));
    if (!box) return;
    var seq = 0;
    var run = debounce(function () {
      var q = input.value.trim();
      var mine = ++seq;
      if (q.length < 2) { box.replaceChildren(); return; }
      fetch('/api/v1/films?limit=8&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) {
          if (mine !== seq) return;
          var items = data.items || [];
          var ul = document.createElement('ul');
          items.forEach(function (f) {
            var li = document.createElement('li');
            var a = text('a', f.title + (f.year ? ' (' + f.year + ')' : ''));
            a.href = '/films/' + encodeURIComponent(f.id);
            li.appendChild(a);
            ul.appendChild(li);
          });
          if (items.length === 0) ul.appendChild(text('li', 'No films match.'));
          box.replaceChildren(ul);
        })
        .catch(function () { /* the form still works */ });
    }, 150);
    input.addEventListener('input', run);
    input.addEventListener('keydown', function (e) { if (e.key === 'Escape') box.replaceChildren(); });
  });
  document.querySelectorAll('textarea[data-dropzone]').forEach(function (area) {
    var fileInput = document.getElementById(area.getAttribute('data-dropzone'));
    function load(file) {
      if (!file) return;
      file.text().then(function (s) {
        area.value = s;
        if (fileInput) fileInput.value = '';
      });
    }
    area.addEventListener('dragover', function (e) { e.preventDefault(); area.classList.add('dragover'); });
    area.addEventListener('dragleave', function () { area.classList.remove('dragover'); });
    area.addEventListener('drop', function (e) {
      e.preventDefault();
      area.classList.remove('dragover');
      if (e.dataTransfer && e.dataTransfer.files.length) load(e.dataTransfer.files[0]);
    });
    if (fileInput) fileInput.addEventListener('change', function () { load(fileInput.files && fileInput.files[0]); });
  });
  var queue = document.querySelector('[data-editor-queue]');
  if (queue) {
    var items = Array.prototype.slice.call(queue.querySelectorAll('[data-queue-item]'));
    var at = 0;
    var focus = function (i) {
      if (!items.length) return;
      at = Math.max(0, Math.min(items.length - 1, i));
      items.forEach(function (el, j) { el.classList.toggle('current', j === at); });
      items[at].focus();
    };
    focus(0);
    items.forEach(function (el, j) { el.addEventListener('focusin', function () { at = j; items.forEach(function (x, k) { x.classList.toggle('current', k === j); }); }); });
    document.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA'))) return;
      if (e.key === 'j') { e.preventDefault(); focus(at + 1); return; }
      if (e.key === 'k') { e.preventDefault(); focus(at - 1); return; }
      var control = items[at] && items[at].querySelector('[data-key="' + e.key + '"]');
      if (control) { e.preventDefault(); control.click(); }
    });
  }
})();
