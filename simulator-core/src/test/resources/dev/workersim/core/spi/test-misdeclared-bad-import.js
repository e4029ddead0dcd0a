// A binding script that destructures a name its import (web/fetch/headers) does not export.
// imports: web/fetch/headers
(function (ops, $, imports) {
  "use strict";
  const { Headerz } = imports;
  return { "test-misdeclared": () => new Headerz() };
})
