// libFuzzer driver: one executable per target, the name given at build time.
#include "fuzzentries.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chainscope::fuzz::run(QByteArray(CHAINSCOPE_FUZZ_TARGET),
                          QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
