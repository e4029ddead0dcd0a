// A small C module for the WebAssembly tests: linear memory shared with JS, a loop, no libc.
// Built with Debian's clang and lld (not needed to run the tests; demo.wasm is committed):
//   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-dynamic -o demo.wasm demo.c
#define EXPORT __attribute__((visibility("default")))

static unsigned char buffer[1024];

// Where JS writes its bytes before calling fnv1a.
EXPORT unsigned char *buf(void) { return buffer; }

// FNV-1a (32-bit) of the first len bytes of the buffer.
EXPORT unsigned int fnv1a(unsigned int len) {
    unsigned int h = 2166136261u;
    for (unsigned int i = 0; i < len && i < sizeof buffer; i++) {
        h ^= buffer[i];
        h *= 16777619u;
    }
    return h;
}

EXPORT int fib(int n) {
    int a = 0, b = 1;
    while (n-- > 0) {
        int t = a + b;
        a = b;
        b = t;
    }
    return a;
}

// Calls back into JS: the import "env.log" receives each Fibonacci number up to n.
extern void log_number(int) __attribute__((import_module("env"), import_name("log")));
EXPORT void fib_each(int n) {
    for (int i = 0; i <= n; i++) log_number(fib(i));
}
