// k-means of our own, as plain C: greedy k-means++ seeding pruned by the triangle inequality,
// then Lloyd with Yinyang bounds, exact (the result of plain Lloyd from the same seeds) and the
// same whatever the number of threads. Matrices are row-major float32; every function returns 0
// on success, or -1 with a message in `error` (at most `error_size` bytes, NUL-terminated).
#ifndef CKMEANS_H
#define CKMEANS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Trains k-means on `n` rows of `d` values, of which at most `max_points_per_centroid` × `k`
/// are drawn (with `seed`) when there are more: greedy k-means++ seeding, then at most `niter`
/// Lloyd iterations, fewer once an iteration moves no row (none: the seeds); `nredo` runs (seeds `seed`,
/// `seed` + 1, ...), the best kept. Exact: the result is that of plain Lloyd from the same seeds.
/// Works on `threads` threads (at least 1), and gives the same centroids whatever their number.
/// Writes the centroids (`k` rows of `d`) and the final objective (the sum of squared distances of
/// the rows used to their centroids).
int ckmeans_train(int64_t n, int d, int k, int niter, int nredo, int seed,
                  int max_points_per_centroid, int threads, const float *x,
                  float *centroids, float *objective,
                  char *error, size_t error_size);

/// Runs at most `niter` Lloyd iterations on `n` rows of `d` values from the `k` centroids given
/// (`k` rows of `d`, updated in place), fewer once an iteration moves no row, as
/// `ckmeans_train` does after seeding, on `threads` threads. Writes the final objective and
/// the iterations run.
int ckmeans_refine(int64_t n, int d, int k, int niter, int threads, const float *x,
                   float *centroids, float *objective, int *iterations,
                   char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
