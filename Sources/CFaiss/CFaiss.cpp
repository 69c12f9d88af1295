#include "CFaiss.h"

#include "NativeCall.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/VectorTransform.h>

#include <algorithm>
#include <cmath>
#include <vector>

using native_call::guarded;
using native_call::OpenMPThreads;

namespace {

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
