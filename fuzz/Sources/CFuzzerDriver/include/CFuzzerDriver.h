// libFuzzer's driver, called from each harness's entry point. SwiftPM links an executable with its
// `main` aliased to `<Target>_main`, which a `-parse-as-library` harness would never define; each
// harness defines it and hands libFuzzer its command line and its test function (also exported as
// LLVMFuzzerTestOneInput, which libFuzzer's own main, linked in and unused, refers to).
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the process's arguments over `test`, as libFuzzer's own `main` would.
int fuzzer_run(int argc, char **argv, int (*test)(const uint8_t *data, size_t size));

#endif
