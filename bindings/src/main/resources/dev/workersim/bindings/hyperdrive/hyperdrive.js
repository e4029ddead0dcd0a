// bindings/hyperdrive/hyperdrive.js: Hyperdrive, the class of every [[hyperdrive]] binding: the
// connection fields as own properties in workerd's order (connectionString, port, ip, host,
// password, user, database); connect() on the prototype. The fields name the local database itself
// (see HyperdriveProvider); connect() is not simulated.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { idl } = imports;
  class Hyperdrive {
    constructor(fields) {
      Object.assign(this, fields);
    }

    connect() {
      throw new Error("Hyperdrive connect() is not simulated by workersim: connect a database driver to "
        + "this binding's connectionString (or host and port) instead.");
    }
  }
  idl(Hyperdrive, "Hyperdrive");
  // workerd lists Hyperdrive.prototype as connect, constructor: move constructor last.
  const ctor = Object.getOwnPropertyDescriptor(Hyperdrive.prototype, "constructor");
  delete Hyperdrive.prototype.constructor;
  Object.defineProperty(Hyperdrive.prototype, "constructor", ctor);

  return { hyperdrive: (o, fields) => new Hyperdrive(fields) };
})
