/**
 * The simulated bindings, one package per binding (kv, r2, d1, durable, queues, cache, service,
 * dispatch, ...). See {@code dev.workersim.core.spi} for what each provides and bindings/README.md.
 */
package dev.workersim.bindings;
