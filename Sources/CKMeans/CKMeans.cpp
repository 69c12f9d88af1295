#include "CKMeans.h"

#include "BoundedLloyd.hpp"
#include "KMeansSeeding.hpp"
#include "NativeCall.hpp"

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

using native_call::guarded;
using native_call::OpenMPThreads;

namespace {

// At most `wanted` of the `n` rows of `x`, drawn at random with `seed`: all of them, in place,
// when there are no more.
const float *sample_rows(int64_t n, int d, int64_t wanted, const float *x, int seed, std::vector<float> &sample) {
    if (n <= wanted) return x;
    std::mt19937_64 random{uint64_t(seed) ^ 0x5EED};
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; i++) order[i] = i;
    sample.resize(size_t(wanted) * d);
    for (int64_t i = 0; i < wanted; i++) {
        std::swap(order[i], order[std::uniform_int_distribution<int64_t>(i, n - 1)(random)]);
        std::copy(x + order[i] * d, x + (order[i] + 1) * d, sample.begin() + size_t(i) * d);
    }
    return sample.data();
}

} // namespace

extern "C" int ckmeans_train(int64_t n, int d, int k, int niter, int nredo, int seed,
                             int max_points_per_centroid, int threads, const float *x,
                             float *centroids, float *objective,
                             char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        const int workers = std::max(1, threads);
        const OpenMPThreads limit(workers);
        std::vector<float> sample;
        const int64_t rows = std::min<int64_t>(n, int64_t(max_points_per_centroid) * k);
        const float *training = sample_rows(n, d, rows, x, seed, sample);
        double best = std::numeric_limits<double>::infinity();
        for (int run = 0; run < std::max(1, nredo); run++) {
            ckmeans::KMeansSeeds found = ckmeans::greedy_kmeans_plus_plus(rows, d, k, training, uint64_t(seed + run), workers);
            const double reached = niter > 0
                ? ckmeans::bounded_lloyd(rows, d, k, training, found.centroids, niter, workers).objective
                : found.potential;
            if (reached < best) {
                best = reached;
                std::copy(found.centroids.begin(), found.centroids.end(), centroids);
            }
        }
        *objective = float(best);
    });
}

extern "C" int ckmeans_refine(int64_t n, int d, int k, int niter, int threads, const float *x,
                              float *centroids, float *objective, int *iterations,
                              char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        const int workers = std::max(1, threads);
        const OpenMPThreads limit(workers);
        std::vector<float> moving(centroids, centroids + size_t(k) * d);
        const ckmeans::LloydResult result = ckmeans::bounded_lloyd(n, d, k, x, moving, std::max(1, niter), workers);
        std::copy(moving.begin(), moving.end(), centroids);
        *objective = float(result.objective);
        *iterations = result.iterations;
    });
}
