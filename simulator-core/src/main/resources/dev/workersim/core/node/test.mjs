// node:test (nodejs_compat): workerd serves only the mocking classes (no test runner).
const notImplemented = (name) => {
  const err = new Error(`The ${name} method is not implemented`);
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  return err;
};
export class MockFunctionContext {
  constructor() { throw notImplemented("MockFunctionContext"); }
}
export class MockTracker {
  fn() { throw notImplemented("mock.fn"); }
  method() { throw notImplemented("mock.method"); }
  reset() {}
  restoreAll() {}
}
export const mock = new MockTracker();
export default { mock, MockFunctionContext, MockTracker };
