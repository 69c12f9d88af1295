// The distance kernels both k-means stages share, and the loop that spreads rows over threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace ckmeans {

/// Sum of squared differences of `d` floats. Four running sums, so that the compiler may keep them
/// in one vector register: floating-point addition is not associative, and without them it must
/// add one term at a time.
inline float squared_distance(const float *a, const float *b, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 4 <= d; j += 4) {
        const float e0 = a[j] - b[j], e1 = a[j + 1] - b[j + 1], e2 = a[j + 2] - b[j + 2], e3 = a[j + 3] - b[j + 3];
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
    }
    for (; j < d; j++) {
        const float e = a[j] - b[j];
        s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
}

/// Sum of squares of `d` floats.
inline float squared_norm(const float *a, int d) {
    float s = 0;
    for (int j = 0; j < d; j++) s += a[j] * a[j];
    return s;
}

/// Points stored dimension by dimension, side by side in lanes: value j of point `lane` is at
/// `j * lanes + lane`. Lanes are a multiple of 8, so that a row's distances to all of them are
/// computed in vector registers with no sum across a register.
constexpr int lane_multiple = 8;

/// Writes into `out` (`lanes` floats) the squared distances from `row` (`d` values) to the
/// points of `points`. Compiled for AVX2 and FMA as well where the processor has them.
void squared_distances_to_lanes(const float *row, int d, const float *points, int lanes, float *out);

/// Candidates the seeding measures a row against at once.
constexpr int candidate_lanes = 16;

/// The seeding's kernel, over `count` rows of `d` values (`rows`, with their squared norms
/// `row_norms` and their squared distances to their seeds `distances`). Writes into `out`, row by
/// row, the squared distances to `candidate_lanes` points, as |row|² + |p|² - 2 row·p from
/// `scaled` (the points times -2, in lanes) and `norms` (their |p|²), and adds to `gains` how
/// much nearer than its seed each row is to each point. The expanded form takes one multiply-add
/// a value where the difference takes two.
void nearer_by(const float *rows, const float *row_norms, const float *distances, size_t count, int d, const float *scaled,
               const float *norms, float *out, float *gains);

/// Runs `body(first, end, worker)` over chunks of `chunk` items of [0, n) on `threads` threads
/// (worker 0 is the caller), each chunk taken by whichever thread is free.
template <typename Body>
void parallel_chunks(int64_t n, int64_t chunk, int threads, Body body) {
    std::atomic<int64_t> next{0};
    auto work = [&](int worker) {
        for (int64_t first; (first = next.fetch_add(chunk)) < n;) body(first, std::min(n, first + chunk), worker);
    };
    std::vector<std::thread> helpers;
    for (int worker = 1; worker < std::min<int64_t>(threads, (n + chunk - 1) / chunk); worker++) helpers.emplace_back(work, worker);
    work(0);
    for (auto &helper : helpers) helper.join();
}

} // namespace ckmeans
