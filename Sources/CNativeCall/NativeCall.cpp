#include "NativeCall.hpp"

#include <algorithm>

// libgomp's own: Swift's clang does not search GCC's folder, where omp.h is.
extern "C" void omp_set_num_threads(int);
extern "C" int omp_get_max_threads();

namespace native_call {

OpenMPThreads::OpenMPThreads(int threads) : previous_(omp_get_max_threads()) { omp_set_num_threads(std::max(1, threads)); }

OpenMPThreads::~OpenMPThreads() { omp_set_num_threads(previous_); }

} // namespace native_call
