// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();
