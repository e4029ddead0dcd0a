// bindings/versionmetadata/version-metadata.js: env.CF_VERSION_METADATA, a plain (unfrozen) object
// { id, tag, timestamp } in that order, as wrangler dev gives it; with nodejs_compat_populate_process_env
// also on process.env as its JSON text (recorded).
// imports: node/node
(function (ops, $, imports) {
  "use strict";
  const { addPlainEnv } = imports;
  const makeVersionMetadata = (o, config, name) => {
    const value = { id: config.id, tag: config.tag, timestamp: config.timestamp };
    if (addPlainEnv) addPlainEnv(name, value); // defined when nodejs_compat is on
    return value;
  };

  return { version_metadata: makeVersionMetadata };
})
