// What every extern "C" function of our C++ modules needs around its body: no C++ exception may
// cross into Swift, and an OpenMP thread count set for one call must not outlive it.
#pragma once

#include <cstddef>
#include <cstring>
#include <exception>

namespace native_call {

// Runs `body`, turning any C++ exception into -1 and its message (at most `error_size` bytes,
// NUL-terminated, in `error`); 0 when it returns.
template <typename Body>
int guarded(char *error, size_t error_size, Body body) {
    try {
        body();
        return 0;
    } catch (const std::exception &e) {
        if (error && error_size > 0) {
            std::strncpy(error, e.what(), error_size - 1);
            error[error_size - 1] = '\0';
        }
        return -1;
    }
}

// The most OpenMP threads that faiss and OpenBLAS start from this thread, for one call: the
// setting belongs to the calling thread, which Swift goes on using for other work.
class OpenMPThreads {
public:
    explicit OpenMPThreads(int threads);
    ~OpenMPThreads();
    OpenMPThreads(const OpenMPThreads &) = delete;
    OpenMPThreads &operator=(const OpenMPThreads &) = delete;

private:
    int previous_;
};

} // namespace native_call
