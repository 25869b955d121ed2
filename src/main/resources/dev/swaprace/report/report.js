(function () {
  var errors = [];
  function show() {
    var el = document.getElementById('page-errors');
    if (el) { el.textContent = errors.join('\n'); el.setAttribute('data-count', String(errors.length)); }
  }
  function record(m) { errors.push(String(m)); show(); }
  window.addEventListener('error', function (e) { record('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) { record('rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('csp: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', function () {
    var bars = document.querySelectorAll('svg.bar rect.bar');
    var total = 0;
    for (var i = 0; i < bars.length; i++) { total += Number(bars[i].getAttribute('data-count')); }
    document.body.setAttribute('data-bars', String(bars.length));
    document.body.setAttribute('data-bar-samples', String(total));
    show();
    document.body.setAttribute('data-ready', 'yes');
  });
})();