// A binding script whose factory's export name drifted from its kind's type ("test-misdeclared").
(function (ops, $, imports) {
  "use strict";
  return { testMisdeclared: () => ({}) };
})
