// Lloyd's k-means iterations, exact, with the distance computations that bounds rule out left
// undone (Yinyang k-means: Ding et al., ICML 2015).
#pragma once

#include <cstdint>
#include <vector>

namespace ckmeans {

/// The outcome of `bounded_lloyd`.
struct LloydResult {
    /// Iterations run: fewer than asked when an iteration moved no row.
    int iterations;
    /// The sum of squared distances of the rows to the centroids they were last assigned to.
    double objective;
};

/// Runs at most `iterations` Lloyd iterations on `n` rows of `d` values from `centroids` (`k`
/// rows, updated in place): each row goes to its nearest centroid, then each centroid moves to the
/// mean of its rows (a centroid left with no rows stays). The result is that of plain Lloyd; the
/// bounds only skip distances that cannot change an assignment. Uses up to `threads` threads.
LloydResult bounded_lloyd(int64_t n, int d, int k, const float *x, std::vector<float> &centroids, int iterations, int threads);

} // namespace ckmeans
