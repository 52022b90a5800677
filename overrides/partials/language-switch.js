/*
 * Language switch that keeps the reader's place (issue 4).
 *
 * 1. The language menu links to the same page in the other language (a static link,
 *    so it works without JavaScript). When it is used, the current #section goes along:
 *    /hypervisors/#type-2 <-> /en/hypervisors/#type-2. Material's navigation.tracking
 *    keeps location.hash on the section being read, so this is where the reader is.
 *
 * 2. Every page lists its language versions as <link rel="alternate" hreflang> with
 *    absolute URLs, as search engines want. Material 9 takes every such link for a
 *    language root and requests "sitemap.xml" beside it (/hypervisors/sitemap.xml:
 *    a 404 on every page view), then rewrites clicks on links under that root from the
 *    sitemap, dropping the #section. Neither is needed here, so Material's sitemap
 *    requests are answered with an abort before they reach the network; Material then
 *    leaves the links alone. (Material also reads the sitemap for navigation.instant,
 *    which this site does not use; with it, links would simply load normally.)
 *
 * Loaded in <head>, before Material's bundle, so the guard is in place when Material
 * looks at the links on DOMContentLoaded.
 */
(function () {
  "use strict";

  var SWITCH = "a[data-cn-language-switch]";

  function carryHash(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest(SWITCH) : null;
    if (link) {
      link.hash = location.hash;
    }
  }
  ["pointerdown", "focusin", "click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carryHash, true);
  });

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.cnSkip = /\/sitemap\.xml$/.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.cnSkip) {
      var request = this;
      setTimeout(function () {
        request.dispatchEvent(new ProgressEvent("abort"));
      }, 0);
      return undefined;
    }
    return send.apply(this, arguments);
  };
})();
