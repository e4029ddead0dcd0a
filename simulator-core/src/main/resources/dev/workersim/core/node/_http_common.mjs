// node:_http_common (enable_nodejs_http_modules): what Node's HTTP modules share: the method list and
// the token and header-value checks.
export const CRLF = "\r\n";
export const methods = ["ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH",
  "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH",
  "PURGE", "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK",
  "UNSUBSCRIBE"];
export const chunkExpression = /(?:^|\W)chunked(?:$|\W)/i;
export const continueExpression = /(?:^|\W)100-continue(?:$|\W)/i;
export const kIncomingMessage = Symbol("IncomingMessage");
// workerd parses HTTP in the platform: there is no parser pool, only its description.
export const parsers = { name: "parsers", max: 1000 };
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
export function _checkIsHttpToken(value) { return TOKEN.test(value); }
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
export function _checkInvalidHeaderChar(value) { return INVALID_HEADER_CHAR.test(value); }
export default { _checkInvalidHeaderChar, _checkIsHttpToken, chunkExpression, continueExpression, CRLF, methods, parsers,
  kIncomingMessage };
