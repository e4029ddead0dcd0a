// node:util/types (nodejs_compat): brand checks by internal slots where JS can test them.
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
const AsyncFunction = (async function () {}).constructor;
const GeneratorFunction = (function* () {}).constructor;
const AsyncGeneratorFunction = (async function* () {}).constructor;

function slot(method, value) {
  if (value === null || typeof value !== "object") return false;
  try {
    method.call(value);
    return true;
  } catch {
    return false;
  }
}

export const isTypedArray = (v) => typedArrayTag.call(v) !== undefined;
const typed = (name) => (v) => typedArrayTag.call(v) === name;
export const isUint8Array = typed("Uint8Array");
export const isUint8ClampedArray = typed("Uint8ClampedArray");
export const isUint16Array = typed("Uint16Array");
export const isUint32Array = typed("Uint32Array");
export const isInt8Array = typed("Int8Array");
export const isInt16Array = typed("Int16Array");
export const isInt32Array = typed("Int32Array");
export const isFloat32Array = typed("Float32Array");
export const isFloat64Array = typed("Float64Array");
export const isFloat16Array = typed("Float16Array");
export const isBigInt64Array = typed("BigInt64Array");
export const isBigUint64Array = typed("BigUint64Array");
export const isArrayBufferView = (v) => ArrayBuffer.isView(v);
export const isDataView = (v) => ArrayBuffer.isView(v) && !isTypedArray(v);
export const isArrayBuffer = (v) => slot(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get, v);
export const isSharedArrayBuffer = (v) => typeof SharedArrayBuffer === "function"
  && slot(Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get, v);
export const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
export const isDate = (v) => slot(Date.prototype.getTime, v);
export const isRegExp = (v) => slot(Object.getOwnPropertyDescriptor(RegExp.prototype, "source").get, v) && v !== RegExp.prototype;
export const isMap = (v) => slot(Object.getOwnPropertyDescriptor(Map.prototype, "size").get, v);
export const isSet = (v) => slot(Object.getOwnPropertyDescriptor(Set.prototype, "size").get, v);
export const isWeakMap = (v) => v !== null && typeof v === "object" && (() => { try { WeakMap.prototype.has.call(v, {}); return true; } catch { return false; } })();
export const isWeakSet = (v) => v !== null && typeof v === "object" && (() => { try { WeakSet.prototype.has.call(v, {}); return true; } catch { return false; } })();
export const isPromise = (v) => v instanceof Promise || tag(v) === "Promise";
export const isNativeError = (v) => v instanceof Error;
export const isAsyncFunction = (v) => v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction;
export const isGeneratorFunction = (v) => v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction;
export const isGeneratorObject = (v) => tag(v) === "Generator";
export const isMapIterator = (v) => tag(v) === "Map Iterator";
export const isSetIterator = (v) => tag(v) === "Set Iterator";
export const isNumberObject = (v) => slot(Number.prototype.valueOf, v);
export const isStringObject = (v) => slot(String.prototype.valueOf, v);
export const isBooleanObject = (v) => slot(Boolean.prototype.valueOf, v);
export const isBigIntObject = (v) => slot(BigInt.prototype.valueOf, v);
export const isSymbolObject = (v) => slot(Symbol.prototype.valueOf, v);
export const isBoxedPrimitive = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);
export const isArgumentsObject = (v) => tag(v) === "Arguments";
export const isModuleNamespaceObject = (v) => v !== null && typeof v === "object" && v[Symbol.toStringTag] === "Module" && Object.getPrototypeOf(v) === null;
export const isProxy = () => false; // not observable from JS
export const isExternal = () => false;
export const isKeyObject = (v) => v?.[Symbol.toStringTag] === "KeyObject";
export const isCryptoKey = (v) => typeof CryptoKey === "function" && v instanceof CryptoKey;

export default {
  isTypedArray, isUint8Array, isUint8ClampedArray, isUint16Array, isUint32Array, isInt8Array, isInt16Array,
  isInt32Array, isFloat16Array, isFloat32Array, isFloat64Array, isBigInt64Array, isBigUint64Array, isArrayBufferView, isDataView,
  isArrayBuffer, isSharedArrayBuffer, isAnyArrayBuffer, isDate, isRegExp, isMap, isSet, isWeakMap, isWeakSet,
  isPromise, isNativeError, isAsyncFunction, isGeneratorFunction, isGeneratorObject, isMapIterator, isSetIterator,
  isNumberObject, isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isBoxedPrimitive,
  isArgumentsObject, isModuleNamespaceObject, isProxy, isExternal, isKeyObject, isCryptoKey,
};
