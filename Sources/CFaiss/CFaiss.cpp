#include "CFaiss.h"

#include "BoundedLloyd.hpp"
#include "KMeansSeeding.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/VectorTransform.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <random>
#include <vector>

// libgomp's own: Swift's clang does not search GCC's folder, where omp.h is.
extern "C" void omp_set_num_threads(int);
extern "C" int omp_get_max_threads();

namespace {

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

// The most OpenMP threads that faiss and OpenBLAS start from this thread, for one call: the
// setting belongs to the calling thread, which Swift goes on using for other work.
class OpenMPThreads {
public:
    explicit OpenMPThreads(int threads) : previous_(omp_get_max_threads()) { omp_set_num_threads(std::max(1, threads)); }
    ~OpenMPThreads() { omp_set_num_threads(previous_); }
    OpenMPThreads(const OpenMPThreads &) = delete;
    OpenMPThreads &operator=(const OpenMPThreads &) = delete;

private:
    int previous_;
};

// Makes each of `rows` rows of `columns` values point the way its largest value (by magnitude)
// is positive, as scikit-learn's svd_flip does: an eigenvector's sign is arbitrary, and solvers
// pick it differently from one thread count or processor to the next.
void orient_rows(float *values, int rows, int columns) {
    for (int r = 0; r < rows; r++) {
        float *row = values + size_t(r) * columns;
        const float *largest = std::max_element(row, row + columns, [](float a, float b) { return std::fabs(a) < std::fabs(b); });
        if (*largest < 0)
            for (int c = 0; c < columns; c++) row[c] = -row[c];
    }
}

} // namespace

extern "C" int cfaiss_pca_train(int64_t n, int d_in, int d_out, const float *x,
                                float *mean, float *projection, float *eigenvalues,
                                char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        // One thread: faiss's PCA of 100 rows of 184 values gave eigenvectors that differed in
        // sign and in their last bits between one OpenMP thread and two, and a model must not
        // depend on the cores of the machine that fitted it. The covariance of 200,000 rows of 184
        // values costs about 0.2 s more on one core than on two.
        const OpenMPThreads one(1);
        faiss::PCAMatrix pca(d_in, d_out);
        // Train on every row given: the caller has sampled already, and the eigenvalues below
        // are divided by the rows faiss actually used.
        pca.max_points_per_d = int(std::max<int64_t>(pca.max_points_per_d, n / d_in + 1));
        pca.train(n, x);
        std::copy(pca.mean.begin(), pca.mean.end(), mean);
        // After training, A holds the d_out x d_in projection; b = -A * mean.
        std::copy(pca.A.begin(), pca.A.begin() + size_t(d_out) * d_in, projection);
        orient_rows(projection, d_out, d_in);
        // faiss's covariance is the sum over rows, not the mean: its eigenvalues are n times the variances.
        for (int i = 0; i < d_out; i++) eigenvalues[i] = pca.eigenvalues[i] / float(n);
    });
}

extern "C" int cfaiss_kmeans_train(int64_t n, int d, int k, int niter, int nredo, int seed,
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
            cfaiss::KMeansSeeds found = cfaiss::greedy_kmeans_plus_plus(rows, d, k, training, uint64_t(seed + run), workers);
            const double reached = niter > 0
                ? cfaiss::bounded_lloyd(rows, d, k, training, found.centroids, niter, workers).objective
                : found.potential;
            if (reached < best) {
                best = reached;
                std::copy(found.centroids.begin(), found.centroids.end(), centroids);
            }
        }
        *objective = float(best);
    });
}

extern "C" int cfaiss_kmeans_refine(int64_t n, int d, int k, int niter, int threads, const float *x,
                                    float *centroids, float *objective, int *iterations,
                                    char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        const int workers = std::max(1, threads);
        const OpenMPThreads limit(workers);
        std::vector<float> moving(centroids, centroids + size_t(k) * d);
        const cfaiss::LloydResult result = cfaiss::bounded_lloyd(n, d, k, x, moving, std::max(1, niter), workers);
        std::copy(moving.begin(), moving.end(), centroids);
        *objective = float(result.objective);
        *iterations = result.iterations;
    });
}

extern "C" int cfaiss_assign(int64_t n, int d, int k, const float *centroids, const float *x,
                             int64_t *labels, float *distances,
                             char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        // One thread: faiss's distances (OpenBLAS products) differed in their last bits between
        // one thread and four on 12,000 rows. Every image of PMC against 2000 centroids is some
        // 2.4 trillion operations, a minute or two on one core.
        const OpenMPThreads one(1);
        faiss::IndexFlatL2 index(d);
        index.add(k, centroids);
        std::vector<faiss::Index::idx_t> found(n);
        index.search(n, x, 1, distances, found.data());
        std::copy(found.begin(), found.end(), labels);
    });
}
