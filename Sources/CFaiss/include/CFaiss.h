// The native code the Annotation module needs, as plain C: PCA and nearest-centroid search by
// faiss (Debian's static libfaiss.a lacks faiss's own C API), and k-means of our own, which
// skips the distance computations that cannot change a result. Matrices are row-major float32; every function returns 0 on success, or -1
// with a message in `error` (at most `error_size` bytes, NUL-terminated).
#ifndef CFAISS_H
#define CFAISS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Trains a PCA from `n` rows of `d_in` values down to `d_out` dimensions. Writes the mean
/// (`d_in`), the projection (`d_out` rows of `d_in`) and the variance along each direction (the
/// eigenvalues of the covariance matrix with divisor n, `d_out`, largest first). Every row is used.
int cfaiss_pca_train(int64_t n, int d_in, int d_out, const float *x,
                     float *mean, float *projection, float *eigenvalues,
                     char *error, size_t error_size);

/// Trains k-means on `n` rows of `d` values, of which at most `max_points_per_centroid` × `k`
/// are drawn (with `seed`) when there are more: greedy k-means++ seeding, then at most `niter`
/// Lloyd iterations, fewer once an iteration moves no row (none: the seeds); `nredo` runs (seeds `seed`,
/// `seed` + 1, ...), the best kept. Exact: the result is that of plain Lloyd from the same seeds.
/// Works on `threads` threads (at least 1), and gives the same centroids whatever their number.
/// Writes the centroids (`k` rows of `d`) and the final objective (the sum of squared distances of
/// the rows used to their centroids).
int cfaiss_kmeans_train(int64_t n, int d, int k, int niter, int nredo, int seed,
                        int max_points_per_centroid, int threads, const float *x,
                        float *centroids, float *objective,
                        char *error, size_t error_size);

/// Runs at most `niter` Lloyd iterations on `n` rows of `d` values from the `k` centroids given
/// (`k` rows of `d`, updated in place), fewer once an iteration moves no row, as
/// `cfaiss_kmeans_train` does after seeding, on `threads` threads. Writes the final objective and
/// the iterations run.
int cfaiss_kmeans_refine(int64_t n, int d, int k, int niter, int threads, const float *x,
                         float *centroids, float *objective, int *iterations,
                         char *error, size_t error_size);

/// Assigns each of `n` rows of `d` values to its nearest of `k` centroids, on one thread (so
/// that the result does not depend on the machine): writes its index (`labels`) and squared
/// distance (`distances`).
int cfaiss_assign(int64_t n, int d, int k, const float *centroids, const float *x,
                  int64_t *labels, float *distances,
                  char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
