// TermScore pages: progressive enhancement only. Every page works without
// this script (the forms post and the filters submit); with it, uploads
// show progress, filters apply at once and findings scroll to their passage.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function $(id) { return document.getElementById(id); }

  // Upload: drag and drop, progress, then go to the report.
  var form = $("upload");
  if (form) {
    var drop = $("drop"), input = $("file"), hint = $("file-hint");
    var status = $("status"), bar = $("progress"), text = $("status-text");
    var error = $("error"), submit = $("submit");
    var original = hint.textContent, label = submit.textContent;
    // A size as a person reads it: "0 bytes" for an empty file (which the
    // server refuses as empty), "24 KB", "3.5 MB", "90 MB"; a no-break
    // space keeps the number and its unit on one line, as the server's
    // pages do.
    function size(n) {
      if (n < 1024) return n + (n === 1 ? "\u00a0byte" : "\u00a0bytes");
      if (n < 1048576) return Math.round(n / 1024) + "\u00a0KB";
      var mb = n / 1048576;
      return (mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)) + "\u00a0MB";
    }
    function chosen() {
      var files = input.files || [], f = files[0];
      drop.classList.toggle("chosen", !!f);
      if (files.length > 1) {
        var total = 0;
        for (var i = 0; i < files.length; i++) total += files[i].size;
        var home = $("home").selectedOptions[0];
        hint.textContent = files.length + " files · " + size(total) + " · checked together as a batch" + ($("role").value ? ", each as the " + $("role").value : "") +
          (home && home.value ? ", home: " + home.textContent : "");
        submit.textContent = "Check the " + files.length + " contracts";
      } else {
        hint.textContent = f ? f.name + " · " + size(f.size) : original;
        submit.textContent = label;
      }
    }
    input.addEventListener("change", chosen);
    $("role").addEventListener("change", chosen);
    $("home").addEventListener("change", chosen);
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        if (!input.multiple && e.dataTransfer.files.length > 1) {
          fail("this server checks one file at a time: drop one contract");
          return;
        }
        input.files = e.dataTransfer.files;
        chosen();
      }
    });
    form.addEventListener("submit", function (e) {
      if (!window.FormData || !input.files.length) return;
      e.preventDefault();
      // A file over the limit is refused here, in the server's words,
      // rather than after sending all of it.
      var max = +form.dataset.maxBytes;
      for (var i = 0; max && i < input.files.length; i++) {
        if (input.files[i].size > max) {
          fail(input.files[i].name + ": the file is larger than this server accepts (" + form.dataset.maxSize + "); upload a smaller file");
          return;
        }
      }
      error.hidden = true;
      status.hidden = false;
      submit.disabled = true;
      bar.value = 0;
      text.textContent = "Uploading…";
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/scans");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) bar.value = Math.round(ev.loaded * 100 / ev.total);
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value"); // indeterminate while the server reads
        text.textContent = input.files.length > 1 ? "Queueing " + input.files.length + " contracts…" : "Reading and checking the contract…";
      });
      xhr.addEventListener("load", function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
        if (xhr.status === 201 && body && body.url) {
          text.textContent = input.files.length > 1 ? "Queued. Opening the batch…" : "Done. Opening the report…";
          window.location.assign(body.url);
          return;
        }
        fail(body && body.error ? body.error.message : "the upload failed (" + xhr.status + "); try again");
      });
      xhr.addEventListener("error", function () { fail("the connection was lost; check it and try again"); });
      xhr.send(new FormData(form));
    });
    // fail shows what went wrong as the page does without script: the
    // file's name in bold, then the reason as a sentence.
    function fail(msg) {
      // The message names the file refused, which may be any of several.
      var files = input.files || [], name = files.length === 1 ? files[0].name : "";
      for (var i = 0; i < files.length; i++) {
        if (msg.indexOf(files[i].name + ": ") === 0) name = files[i].name;
      }
      if (name && msg.indexOf(name + ": ") === 0) msg = msg.slice(name.length + 2);
      msg = msg.charAt(0).toUpperCase() + msg.slice(1);
      if (!/[.?!]$/.test(msg)) msg += ".";
      var title = document.createElement("strong");
      title.textContent = name ? "Couldn't check " + name + "." : files.length > 1 ? "These files couldn't be checked." : "That file couldn't be checked.";
      status.hidden = true;
      submit.disabled = false;
      error.textContent = "";
      error.append(title, " " + msg);
      error.hidden = false;
      error.focus();
    }
  }

  // Report: filters apply at once; the URL keeps them for sharing/back.
  var filters = $("filters");
  if (filters) {
    var items = document.querySelectorAll("#findings .finding");
    var shown = $("shown"), none = $("none");
    function apply() {
      var sev = {}, any = false;
      filters.querySelectorAll("input[name=sev]").forEach(function (c) { if (c.checked) { sev[c.value] = true; any = true; } });
      var cat = $("cat").value, n = 0;
      items.forEach(function (li) {
        var show = (any ? sev[li.dataset.severity] : false) && (!cat || li.dataset.category === cat);
        li.hidden = !show;
        if (show) n++;
      });
      shown.textContent = n + " of " + items.length;
      none.hidden = n > 0;
      var q = new URLSearchParams(new FormData(filters));
      history.replaceState(null, "", "?" + q.toString() + location.hash);
    }
    filters.addEventListener("change", apply);
    filters.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  }

  // Findings and passages link to each other; scroll and flash the target.
  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#p-'], mark.hl a[href^='#f-'], a.insert[href^='#f-']");
    if (!a) return;
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    e.preventDefault();
    if (target.hidden) return;
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "center" });
    // A passage is cut into runs where other findings and its own
    // trigger words begin and end: light up every run of it.
    var n = target.id.indexOf("p-") === 0 ? target.id.slice(2) : "";
    var runs = [];
    if (n) {
      document.querySelectorAll("mark.hl").forEach(function (m) {
        if (m.dataset.refs.split(" ").indexOf(n) >= 0) runs.push(m);
      });
    }
    (runs.length ? runs : [target]).forEach(flash);
    history.replaceState(null, "", "#" + target.id);
    // Focus follows, so that a keyboard reaches what it was sent to: the
    // passage's own link back to its finding, or the finding, where Tab
    // goes on to its suggested wording.
    var to = target.matches("a") ? target : target.querySelector("a");
    if (!to || target.classList.contains("finding")) {
      to = target;
      if (!to.hasAttribute("tabindex")) to.setAttribute("tabindex", "-1");
    }
    to.focus({ preventScroll: true });
  });

  // A batch's page follows its progress until every document is done.
  var batch = $("batch");
  if (batch && batch.dataset.finished === "false") {
    setTimeout(function () { window.location.reload(); }, 2000);
  }

  // Copy the negotiation email.
  var copy = $("copy-email");
  if (copy) {
    copy.addEventListener("click", function () {
      var ta = $("email");
      var done = function () { $("copied").textContent = "Copied."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(ta.value).then(done, function () { ta.select(); document.execCommand("copy"); done(); });
      } else {
        ta.select();
        document.execCommand("copy");
        done();
      }
    });
  }
})();
