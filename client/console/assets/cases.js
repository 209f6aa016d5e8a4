// The case pages' helpers. Everything works without them; they only help:
// - a choice of shape (a grant's form, …) shows only the chosen shape's fields;
// - a launch form's eligibility preview refreshes as fields change (the Preview button does the
//   same without script);
// - a review's drop zone uploads a document, shows its SHA-256 and fills the finding's evidence row.
(function () {
  'use strict';

  function variants() {
    document.querySelectorAll('fieldset.variant[data-variant-of]').forEach(function (set) {
      var chooser = document.querySelector('[name="' + set.getAttribute('data-variant-of') + '"]');
      if (!chooser) return;
      var sync = function () {
        set.hidden = chooser.value !== '' && chooser.value !== set.getAttribute('data-variant');
      };
      chooser.addEventListener('change', sync);
      sync();
    });
  }

  function preview() {
    var form = document.querySelector('form[data-preview]');
    var panel = document.getElementById('preview');
    if (!form || !panel) return;
    var timer = null;
    var refresh = function () {
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute('data-preview'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        credentials: 'same-origin',
      })
        .then(function (res) {
          return res.text();
        })
        .then(function (text) {
          var next = new DOMParser().parseFromString(text, 'text/html').getElementById('preview');
          if (next) panel.innerHTML = next.innerHTML;
        })
        .catch(function () {});
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
  }

  function evidence() {
    var zone = document.getElementById('dropzone');
    var section = document.querySelector('section.evidence[data-upload]');
    var input = document.getElementById('evidence-file');
    var out = document.getElementById('evidence-result');
    if (!zone || !section || !input || !out) return;
    // With script the file is sent as soon as it is chosen or dropped: the form's own button is for pages without it.
    var button = section.querySelector('button.no-script');
    if (button) button.hidden = true;
    var upload = function (file) {
      out.textContent = '…';
      fetch(section.getAttribute('data-upload') + '?name=' + encodeURIComponent(file.name), {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': section.getAttribute('data-csrf') },
        body: file,
        credentials: 'same-origin',
      })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (stored) {
          out.textContent = out
            .getAttribute('data-stored')
            .replace('{name}', stored.name)
            .replace('{sha256}', stored.sha256);
          out.setAttribute('data-sha256', stored.sha256);
          // The first empty evidence row of the action form cites the document.
          for (var i = 0; i < 50; i++) {
            var name = document.querySelector('[name="evidence.' + i + '.name"]');
            var sha = document.querySelector('[name="evidence.' + i + '.sha256"]');
            if (!name || !sha) break;
            if (!name.value && !sha.value) {
              name.value = stored.name;
              sha.value = stored.sha256;
              break;
            }
          }
        })
        .catch(function (error) {
          out.textContent = String(error.message || error);
        });
    };
    zone.addEventListener('dragover', function (e) {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', function () {
      zone.classList.remove('over');
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer && e.dataTransfer.files.length) upload(e.dataTransfer.files[0]);
    });
    input.addEventListener('change', function () {
      if (input.files && input.files.length) upload(input.files[0]);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    variants();
    preview();
    evidence();
  });
})();
