// The faiss calls the Annotation module needs, as plain C: PCA and nearest-centroid search
// (Debian's static libfaiss.a lacks faiss's own C API). Matrices are row-major float32; every
// function returns 0 on success, or -1 with a message in `error` (at most `error_size` bytes,
// NUL-terminated).
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
