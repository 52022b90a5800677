{#- Inlined into every page's <head> by partials/hreflang.html, which says why. -#}
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
