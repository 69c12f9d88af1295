#include "KMeansSeeding.hpp"

#include "Kernels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>

namespace ckmeans {
namespace {

// The rows nearest one seed, copied side by side, farthest from the seed first.
struct SeedGroup {
    std::vector<float> rows;
    std::vector<float> norms;
    std::vector<float> distances;
    double total = 0;

    size_t size() const { return distances.size(); }
};

// A run of rows of one group, measured against the candidates as one piece of work.
struct Span {
    int group;
    size_t first, end;
    // Where the span's distances start in the step's table (rows × lanes).
    size_t offset;
};

// The state of a seeding: every row, in the group of its nearest seed.
//
// Why groups: a candidate c can come nearer to a row x than x's seed s only if
// |x - s| > |c - s| / 2 (triangle inequality). A group's rows, farthest first, are measured
// against c until that fails; the rest of the group, and every group whose farthest row is too
// near its seed, is left alone. Once seeds are many, a candidate reaches few rows of few groups.
class Seeding {
public:
    Seeding(int64_t n, int d, int k, const float *x, int threads)
        : n_(n), d_(d), x_(x), threads_(threads), seeds_(size_t(k) * d), seed_lanes_(padded(k) * d), groups_(k) {}

    KMeansSeeds run(int k, uint64_t seed) {
        std::mt19937_64 random{seed};
        const int trials = std::min(2 + int(std::log(double(k))), lanes);
        start(std::uniform_int_distribution<int64_t>(0, n_ - 1)(random));
        std::vector<float> candidates(size_t(trials) * d_);
        const size_t stride = padded(k);
        std::vector<float> gaps(trials * stride);
        for (int count = 1; count < k; count++) {
            const double total = potential(count);
            for (int t = 0; t < trials; t++) {
                draw(random, total, count, candidates.data() + size_t(t) * d_);
                measure_gaps(candidates.data() + size_t(t) * d_, count, gaps.data() + t * stride);
            }
            const auto spans = reached(trials, count, gaps.data(), stride);
            const auto gains = measure(candidates.data(), trials, spans);
            const int best = int(std::max_element(gains.begin(), gains.begin() + trials) - gains.begin());
            add(candidates.data() + size_t(best) * d_, count, best, spans);
        }
        return {std::move(seeds_), potential(k)};
    }

private:
    // Candidates a step tries, side by side: 2 + ln k reaches 16 at k = 8 million.
    static constexpr int lanes = candidate_lanes;
    // Rows a span holds at most, so that a large group is shared between threads.
    static constexpr size_t span_rows = 1024;

    const float *seed(int s) const { return seeds_.data() + size_t(s) * d_; }

    static size_t padded(size_t count) { return (count + lanes - 1) / lanes * lanes; }

    // The sum of the rows' squared distances to the nearest of the first `count` seeds.
    double potential(int count) const {
        double total = 0;
        for (int s = 0; s < count; s++) total += groups_[s].total;
        return total;
    }

    // Makes `values` seed number s, in both layouts.
    void set_seed(int s, const float *values) {
        std::copy_n(values, d_, seeds_.begin() + size_t(s) * d_);
        float *block = seed_lanes_.data() + size_t(s / lanes) * lanes * d_;
        for (int j = 0; j < d_; j++) block[j * lanes + s % lanes] = values[j];
    }

    void start(int64_t first) {
        set_seed(0, x_ + first * d_);
        std::vector<float> distances(n_);
        for (int64_t i = 0; i < n_; i++) distances[i] = squared_distance(x_ + i * d_, seed(0), d_);
        std::vector<int64_t> order(n_);
        std::iota(order.begin(), order.end(), 0);
        fill(groups_[0], order, distances, [&](int64_t i) { return x_ + i * d_; });
    }

    // Fills `group` with the rows `order` (their distances in `distances`, their values from
    // `row_of`), farthest first.
    template <typename RowOf>
    void fill(SeedGroup &group, std::vector<int64_t> &order, const std::vector<float> &distances, RowOf row_of) {
        std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
            return distances[a] > distances[b] || (distances[a] == distances[b] && a < b);
        });
        group.rows.resize(order.size() * d_);
        group.norms.resize(order.size());
        group.distances.resize(order.size());
        group.total = 0;
        for (size_t j = 0; j < order.size(); j++) {
            std::copy_n(row_of(order[j]), d_, group.rows.data() + j * d_);
            group.norms[j] = squared_norm(group.rows.data() + j * d_, d_);
            group.distances[j] = distances[order[j]];
            group.total += distances[order[j]];
        }
    }

    // Copies into `out` a row drawn with probability proportional to its squared distance to the
    // nearest seed; any row, uniformly, once every row sits on a seed.
    void draw(std::mt19937_64 &random, double total, int count, float *out) const {
        const bool uniform = !(total > 0);
        double target = uniform ? double(std::uniform_int_distribution<int64_t>(0, n_ - 1)(random))
                                : std::uniform_real_distribution<double>(0, total)(random);
        // Rounding may carry the target past the last group; it then falls to the last group
        // that can be drawn from, never to one left empty.
        int drawn = 0;
        for (int s = 0; s < count; s++) {
            const double weight = uniform ? double(groups_[s].size()) : groups_[s].total;
            if (!(weight > 0)) continue;
            drawn = s;
            if (target < weight) break;
            target -= weight;
        }
        const SeedGroup &group = groups_[drawn];
        size_t j = 0;
        for (; j + 1 < group.size(); j++) {
            const double weight = uniform ? 1.0 : group.distances[j];
            if (target < weight) break;
            target -= weight;
        }
        std::copy_n(group.rows.data() + j * d_, d_, out);
    }

    // Squared distances from `candidate` to the first `count` seeds (and to the rest of their
    // block of lanes).
    void measure_gaps(const float *candidate, int count, float *gaps) const {
        for (int first = 0; first < count; first += lanes)
            squared_distances_to_lanes(candidate, d_, seed_lanes_.data() + size_t(first) * d_, lanes, gaps + first);
    }

    // The rows some candidate may come nearer to than their seed: of each group, those farther
    // from its seed than half the nearest candidate's distance to it. `gaps`: the candidates'
    // squared distances to the seeds, `stride` apart.
    std::vector<Span> reached(int trials, int count, const float *gaps, size_t stride) {
        std::vector<Span> spans;
        size_t offset = 0;
        for (int s = 0; s < count; s++) {
            float reach = gaps[s];
            for (int t = 1; t < trials; t++) reach = std::min(reach, gaps[t * stride + s]);
            reach /= 4;
            const auto &distances = groups_[s].distances;
            // Farthest first: the reached rows are a prefix.
            const size_t end = std::partition_point(distances.begin(), distances.end(), [&](float distance) { return distance > reach; }) - distances.begin();
            for (size_t first = 0; first < end; first += span_rows) {
                spans.push_back({s, first, std::min(end, first + span_rows), offset});
                offset += (spans.back().end - first) * lanes;
            }
        }
        table_.resize(offset);
        return spans;
    }

    // Measures every reached row against every candidate at once, into the step's table, and
    // returns how much the potential falls if each candidate becomes a seed. A row past a
    // candidate's own reach is no nearer to it than to its seed, so it adds nothing to its gain.
    // Each span sums its own gains and the spans are added in order, whatever the threads did.
    std::array<double, lanes> measure(const float *candidates, int trials, const std::vector<Span> &spans) {
        std::vector<float> scaled(size_t(d_) * lanes, 0.0f);
        std::array<float, lanes> norms{};
        for (int t = 0; t < trials; t++) {
            norms[t] = squared_norm(candidates + size_t(t) * d_, d_);
            for (int j = 0; j < d_; j++) scaled[size_t(j) * lanes + t] = -2 * candidates[size_t(t) * d_ + j];
        }
        std::vector<std::array<float, lanes>> span_gains(spans.size());
        const size_t rows = table_.size() / lanes;
        parallel_chunks(int64_t(spans.size()), 1, rows < 4 * span_rows ? 1 : threads_, [&](int64_t first, int64_t end, int) {
            for (int64_t p = first; p < end; p++) {
                const Span &span = spans[p];
                const SeedGroup &group = groups_[span.group];
                std::array<float, lanes> gains{};
                nearer_by(group.rows.data() + span.first * d_, group.norms.data() + span.first, group.distances.data() + span.first,
                          span.end - span.first, d_, scaled.data(), norms.data(), table_.data() + span.offset, gains.data());
                span_gains[p] = gains;
            }
        });
        std::array<double, lanes> gains{};
        for (const auto &span : span_gains)
            for (int t = 0; t < trials; t++) gains[t] += span[t];
        return gains;
    }

    // Makes `chosen` (candidate `lane` of the step's table) seed number `count`, moving into its
    // group every reached row it is nearer to.
    void add(const float *chosen, int count, int lane, const std::vector<Span> &spans) {
        set_seed(count, chosen);
        std::vector<float> moved_rows, moved_distances;
        for (size_t p = 0; p < spans.size();) {
            // The spans of one group, together: they cover a prefix of it.
            SeedGroup &group = groups_[spans[p].group];
            size_t kept = 0, j = 0;
            for (; p < spans.size() && &groups_[spans[p].group] == &group; p++) {
                const Span &span = spans[p];
                for (j = span.first; j < span.end; j++) {
                    const float to_chosen = table_[span.offset + (j - span.first) * lanes + lane];
                    const float *row = group.rows.data() + j * d_;
                    if (to_chosen < group.distances[j]) {
                        moved_rows.insert(moved_rows.end(), row, row + d_);
                        moved_distances.push_back(to_chosen);
                    } else {
                        if (kept != j) {
                            std::copy_n(row, d_, group.rows.data() + kept * d_);
                            group.norms[kept] = group.norms[j];
                            group.distances[kept] = group.distances[j];
                        }
                        kept++;
                    }
                }
            }
            if (kept == j) continue;
            // Rows past the reach stay, after the kept ones: still farthest first.
            group.rows.erase(group.rows.begin() + kept * d_, group.rows.begin() + j * d_);
            group.norms.erase(group.norms.begin() + kept, group.norms.begin() + j);
            group.distances.erase(group.distances.begin() + kept, group.distances.begin() + j);
            group.total = std::accumulate(group.distances.begin(), group.distances.end(), 0.0);
        }
        std::vector<int64_t> order(moved_distances.size());
        std::iota(order.begin(), order.end(), 0);
        fill(groups_[count], order, moved_distances, [&](int64_t j) { return moved_rows.data() + j * d_; });
    }

    const int64_t n_;
    const int d_;
    const float *x_;
    const int threads_;
    std::vector<float> seeds_;
    // The seeds again, in blocks of `lanes` side by side (see Kernels.hpp).
    std::vector<float> seed_lanes_;
    std::vector<SeedGroup> groups_;
    // The step's squared distances, reached row by candidate.
    std::vector<float> table_;
};

} // namespace

KMeansSeeds greedy_kmeans_plus_plus(int64_t n, int d, int k, const float *x, uint64_t seed, int threads) {
    return Seeding(n, d, k, x, std::max(1, threads)).run(k, seed);
}

} // namespace ckmeans
