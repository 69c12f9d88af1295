#include "Kernels.hpp"

namespace ckmeans {
namespace {

// Distances to `width` lanes starting at `base`, summed in registers: a fixed width lets the
// compiler keep the sums in vector registers over every dimension instead of in memory.
template <int width>
inline void lanes_block(const float *row, int d, const float *points, int lanes, int base, float *__restrict out) {
    float sums[width] = {};
    for (int j = 0; j < d; j++) {
        const float value = row[j];
        const float *column = points + size_t(j) * lanes + base;
        for (int lane = 0; lane < width; lane++) {
            const float e = value - column[lane];
            sums[lane] += e * e;
        }
    }
    for (int lane = 0; lane < width; lane++) out[base + lane] = sums[lane];
}

} // namespace

// x86-64's baseline has 4-wide SSE only; the AVX2 clone does 8 lanes an instruction and fuses
// the multiply and add. The loader picks the clone once, from the processor it runs on.
#if defined(__x86_64__) && defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void squared_distances_to_lanes(const float *row, int d, const float *points, int lanes, float *__restrict out) {
    int base = 0;
    for (; base + 16 <= lanes; base += 16) lanes_block<16>(row, d, points, lanes, base, out);
    if (base < lanes) lanes_block<8>(row, d, points, lanes, base, out);
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void nearer_by(const float *rows, const float *row_norms, const float *distances, size_t count, int d, const float *scaled,
               const float *norms, float *__restrict out, float *__restrict gains) {
    float total[candidate_lanes] = {};
    for (size_t i = 0; i < count; i++) {
        const float *row = rows + i * d;
        // Two sums a lane, over even and odd values: each multiply-add waits for the one before
        // it on the same sum, so one sum would leave the processor idle most of the time.
        float even[candidate_lanes], odd[candidate_lanes];
        for (int lane = 0; lane < candidate_lanes; lane++) even[lane] = norms[lane] + row_norms[i], odd[lane] = 0;
        int j = 0;
        for (; j + 2 <= d; j += 2) {
            const float first = row[j], second = row[j + 1];
            const float *column = scaled + size_t(j) * candidate_lanes;
            for (int lane = 0; lane < candidate_lanes; lane++) {
                even[lane] += first * column[lane];
                odd[lane] += second * column[candidate_lanes + lane];
            }
        }
        if (j < d)
            for (int lane = 0; lane < candidate_lanes; lane++) even[lane] += row[j] * scaled[size_t(j) * candidate_lanes + lane];
        float *squared = out + i * candidate_lanes;
        for (int lane = 0; lane < candidate_lanes; lane++) {
            squared[lane] = std::max(0.0f, even[lane] + odd[lane]);
            total[lane] += std::max(0.0f, distances[i] - squared[lane]);
        }
    }
    for (int lane = 0; lane < candidate_lanes; lane++) gains[lane] += total[lane];
}

} // namespace ckmeans
