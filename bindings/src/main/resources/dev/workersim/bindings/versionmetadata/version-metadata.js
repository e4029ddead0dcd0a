// bindings/versionmetadata/version-metadata.js: env.CF_VERSION_METADATA, a plain (unfrozen) object
// { id, tag, timestamp } in that order, as wrangler dev gives it.
(function (ops, $) {
  "use strict";
  $.bindingTypes.version_metadata = (o, config) => ({ id: config.id, tag: config.tag, timestamp: config.timestamp });
})
