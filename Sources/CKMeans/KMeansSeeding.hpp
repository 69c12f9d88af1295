// Greedy k-means++ seeding, exact, with the distance computations the triangle inequality rules
// out left undone.
#pragma once

#include <cstdint>
#include <vector>

namespace ckmeans {

/// What a seeding chose.
struct KMeansSeeds {
    /// `k` rows of `d` values.
    std::vector<float> centroids;
    /// The sum of the rows' squared distances to their nearest seed.
    double potential;
};

/// `k` seeds (rows of `x`, `n` rows of `d` values) chosen by greedy k-means++ (Arthur and
/// Vassilvitskii, 2007; greedy as scikit-learn does it): each next seed is the best, by the
/// potential it leaves (the sum of squared distances to the nearest seed), of 2 + ln k rows drawn
/// with probability proportional to that distance. Uses up to `threads` threads; the seeds do not
/// depend on how many.
KMeansSeeds greedy_kmeans_plus_plus(int64_t n, int d, int k, const float *x, uint64_t seed, int threads);

} // namespace ckmeans
