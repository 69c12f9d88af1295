#include "CFaiss.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <faiss/VectorTransform.h>
#include <faiss/utils/distances.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <random>
#include <vector>

namespace {

constexpr int seeding_rows_per_centroid = 100;

// Runs `body`, turning any C++ exception into -1 and its message: none may cross into Swift.
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

// Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007; greedy as scikit-learn does it): each
// next centroid is the best, by the potential it leaves (the sum of squared distances to the
// nearest centroid), of 2 + ln k rows drawn with probability proportional to that distance. Plain
// k-means++ (one draw a step) leaves Lloyd in clearly worse optima when k is in the thousands.
// Distances from the candidates to every row come from faiss's BLAS-backed pairwise_L2sqr.
std::vector<float> kmeans_plus_plus(int64_t n, int d, int k, const float *x, int seed) {
    std::mt19937_64 random{uint64_t(seed)};
    const int trials = 2 + int(std::log(double(k)));
    std::vector<float> centroids(size_t(k) * d);
    std::vector<float> nearest(n), candidate_distances(size_t(trials) * n), candidates(size_t(trials) * d);
    std::vector<double> cumulative(n);

    int64_t first = std::uniform_int_distribution<int64_t>(0, n - 1)(random);
    std::copy(x + first * d, x + (first + 1) * d, centroids.begin());
    faiss::pairwise_L2sqr(d, n, x, 1, centroids.data(), nearest.data());
    for (int c = 1; c < k; c++) {
        double total = 0;
        for (int64_t i = 0; i < n; i++) cumulative[i] = total += nearest[i];
        for (int t = 0; t < trials; t++) {
            const double target = std::uniform_real_distribution<double>(0, total)(random);
            int64_t row = std::lower_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin();
            row = std::min<int64_t>(row, n - 1);
            std::copy(x + row * d, x + (row + 1) * d, candidates.begin() + size_t(t) * d);
        }
        // candidate_distances[t * n + i]: row i to candidate t.
        faiss::pairwise_L2sqr(d, trials, candidates.data(), n, x, candidate_distances.data());
        int best = 0;
        double best_potential = std::numeric_limits<double>::infinity();
        for (int t = 0; t < trials; t++) {
            const float *distances = candidate_distances.data() + size_t(t) * n;
            double potential = 0;
            for (int64_t i = 0; i < n; i++) potential += std::min(nearest[i], distances[i]);
            if (potential < best_potential) {
                best_potential = potential;
                best = t;
            }
        }
        std::copy(candidates.begin() + size_t(best) * d, candidates.begin() + size_t(best + 1) * d,
                  centroids.begin() + size_t(c) * d);
        const float *chosen = candidate_distances.data() + size_t(best) * n;
        for (int64_t i = 0; i < n; i++) nearest[i] = std::min(nearest[i], chosen[i]);
    }
    return centroids;
}

// k-means++ seeds drawn from at most `seeding_rows_per_centroid` × k rows picked at random: the
// seeding costs rows × k × (2 + ln k) distance computations. Fewer rows cost inertia: on the
// benchmark's matrix (200,000 x 25, k = 2000), seeds from 30 rows a centroid ended 2.4% above
// seeds from all 100, after the same 25 Lloyd iterations on every row.
std::vector<float> seeds(int64_t n, int d, int k, const float *x, int seed) {
    const int64_t wanted = int64_t(seeding_rows_per_centroid) * k;
    if (n <= wanted) return kmeans_plus_plus(n, d, k, x, seed);
    std::mt19937_64 random{uint64_t(seed) ^ 0x5EED};
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; i++) order[i] = i;
    std::vector<float> sample(size_t(wanted) * d);
    for (int64_t i = 0; i < wanted; i++) {
        std::swap(order[i], order[std::uniform_int_distribution<int64_t>(i, n - 1)(random)]);
        std::copy(x + order[i] * d, x + (order[i] + 1) * d, sample.begin() + size_t(i) * d);
    }
    return kmeans_plus_plus(wanted, d, k, sample.data(), seed);
}

} // namespace

extern "C" int cfaiss_pca_train(int64_t n, int d_in, int d_out, const float *x,
                                float *mean, float *projection, float *eigenvalues,
                                char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        faiss::PCAMatrix pca(d_in, d_out);
        // Train on every row given: the caller has sampled already, and the eigenvalues below
        // are divided by the rows faiss actually used.
        pca.max_points_per_d = int(std::max<int64_t>(pca.max_points_per_d, n / d_in + 1));
        pca.train(n, x);
        std::copy(pca.mean.begin(), pca.mean.end(), mean);
        // After training, A holds the d_out x d_in projection; b = -A * mean.
        std::copy(pca.A.begin(), pca.A.begin() + size_t(d_out) * d_in, projection);
        // faiss's covariance is the sum over rows, not the mean: its eigenvalues are n times the variances.
        for (int i = 0; i < d_out; i++) eigenvalues[i] = pca.eigenvalues[i] / float(n);
    });
}

extern "C" int cfaiss_kmeans_train(int64_t n, int d, int k, int niter, int nredo, int seed,
                                   int max_points_per_centroid, const float *x,
                                   float *centroids, float *objective,
                                   char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        *objective = std::numeric_limits<float>::infinity();
        for (int run = 0; run < std::max(1, nredo); run++) {
            faiss::ClusteringParameters parameters;
            parameters.niter = niter;
            parameters.seed = seed + run;
            parameters.max_points_per_centroid = max_points_per_centroid;
            // The caller keeps clusters to one per 10 rows and says so itself: no faiss warning.
            parameters.min_points_per_centroid = 1;
            faiss::Clustering clustering(d, k, parameters);
            // faiss starts from k random rows, which on well-separated data often puts two
            // centroids in one cluster and none in another for good; k-means++ does not.
            clustering.centroids = seeds(n, d, k, x, seed + run);
            faiss::IndexFlatL2 index(d);
            clustering.train(n, x, index);
            const float reached = clustering.iteration_stats.empty() ? 0 : clustering.iteration_stats.back().obj;
            if (reached < *objective) {
                *objective = reached;
                std::copy(clustering.centroids.begin(), clustering.centroids.end(), centroids);
            }
        }
    });
}

extern "C" int cfaiss_assign(int64_t n, int d, int k, const float *centroids, const float *x,
                             int64_t *labels, float *distances,
                             char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        faiss::IndexFlatL2 index(d);
        index.add(k, centroids);
        std::vector<faiss::Index::idx_t> found(n);
        index.search(n, x, 1, distances, found.data());
        std::copy(found.begin(), found.end(), labels);
    });
}
