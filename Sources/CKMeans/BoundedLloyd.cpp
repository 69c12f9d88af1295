#include "BoundedLloyd.hpp"

#include "Kernels.hpp"

#include <algorithm>
#include <atomic>
#include <cblas.h>
#include <cmath>
#include <limits>

namespace ckmeans {
namespace {

constexpr float infinity = std::numeric_limits<float>::infinity();

// The least and second-least of the distances offered, and who offered the least.
struct NearestTwo {
    float first = infinity, second = infinity;
    int nearest;

    explicit NearestTwo(int none) : nearest(none) {}

    void offer(float distance, int who) {
        second = std::min(second, std::max(first, distance));
        if (distance < first) first = distance, nearest = who;
    }
};

// The centroids split into fixed groups of nearby ones, each stored in lanes (see Kernels.hpp).
class CentroidGroups {
public:
    CentroidGroups(int k, int d, const std::vector<float> &centroids, int wanted) : d_(d), group_of_(k) {
        partition(k, centroids, wanted);
        for (auto &members : members_) {
            offsets_.push_back(layout_.size());
            layout_.resize(layout_.size() + padded(members.size()) * d, far_away);
        }
        store(centroids);
    }

    int count() const { return int(members_.size()); }
    int group_of(int centroid) const { return group_of_[centroid]; }
    const std::vector<int> &members(int group) const { return members_[group]; }

    // Copies `centroids` into the groups' layout.
    void store(const std::vector<float> &centroids) {
        for (int g = 0; g < count(); g++) {
            const size_t width = padded(members_[g].size());
            float *block = layout_.data() + offsets_[g];
            for (size_t lane = 0; lane < members_[g].size(); lane++)
                for (int j = 0; j < d_; j++) block[j * width + lane] = centroids[size_t(members_[g][lane]) * d_ + j];
        }
    }

    // Squared distances from `row` to every centroid of group `g`, in `out` (one per lane).
    void distances(int g, const float *row, float *out) const {
        squared_distances_to_lanes(row, d_, layout_.data() + offsets_[g], int(padded(members_[g].size())), out);
    }

    size_t widest() const {
        size_t widest = 0;
        for (auto &members : members_) widest = std::max(widest, padded(members.size()));
        return widest;
    }

private:
    // Padding lanes hold a coordinate whose distance from any real row is huge but finite.
    static constexpr float far_away = 1e17f;

    static size_t padded(size_t size) { return (size + lane_multiple - 1) / lane_multiple * lane_multiple; }

    // Groups by a few Lloyd iterations over the centroids themselves, starting from `wanted`
    // centroids spread through the list; groups left empty are dropped.
    void partition(int k, const std::vector<float> &centroids, int wanted) {
        std::vector<float> centres(size_t(wanted) * d_);
        for (int g = 0; g < wanted; g++)
            std::copy_n(centroids.data() + size_t(int64_t(g) * k / wanted) * d_, d_, centres.data() + size_t(g) * d_);
        std::vector<int> nearest(k);
        for (int iteration = 0; iteration < 5; iteration++) {
            for (int c = 0; c < k; c++) {
                float best = infinity;
                for (int g = 0; g < wanted; g++) {
                    const float distance = squared_distance(centroids.data() + size_t(c) * d_, centres.data() + size_t(g) * d_, d_);
                    if (distance < best) best = distance, nearest[c] = g;
                }
            }
            std::vector<double> sums(size_t(wanted) * d_, 0);
            std::vector<int> sizes(wanted, 0);
            for (int c = 0; c < k; c++) {
                sizes[nearest[c]]++;
                for (int j = 0; j < d_; j++) sums[size_t(nearest[c]) * d_ + j] += centroids[size_t(c) * d_ + j];
            }
            for (int g = 0; g < wanted; g++)
                if (sizes[g] > 0)
                    for (int j = 0; j < d_; j++) centres[size_t(g) * d_ + j] = float(sums[size_t(g) * d_ + j] / sizes[g]);
        }
        std::vector<int> renumbered(wanted, -1);
        for (int c = 0; c < k; c++) {
            int &g = renumbered[nearest[c]];
            if (g < 0) {
                g = int(members_.size());
                members_.emplace_back();
            }
            members_[g].push_back(c);
            group_of_[c] = g;
        }
    }

    const int d_;
    std::vector<int> group_of_;
    std::vector<std::vector<int>> members_;
    std::vector<size_t> offsets_;
    std::vector<float> layout_;
};

// Yinyang k-means state: for every row, its centroid, an upper bound on the distance to it, for
// every group a lower bound on the distance to the group's other centroids, and the least of
// those. When centroids move by δ, an upper bound grows by its centroid's δ and a group's lower
// bound shrinks by the group's largest δ. A row whose upper bound stays under its least lower
// bound keeps its centroid; otherwise only groups whose bound falls under its best distance are
// searched.
//
// Bounds are stored net of the centroids' and groups' total movement so far (the shifts), so that
// a row that keeps its centroid costs three reads and no write: rewriting every bound of every row
// each iteration would move n × groups floats through memory and cost more than the search.
class YinyangState {
public:
    // `centroids` is read at every pass: the caller moves them between passes.
    YinyangState(int64_t n, int d, int k, const float *x, const std::vector<float> &centroids, int threads)
        : n_(n), d_(d), k_(k), x_(x), centroids_(centroids), threads_(threads),
          groups_(k, d, centroids, std::clamp<int>(int(std::min<int64_t>(k / 10, max_bounds / n)), 1, k)),
          assigned_(n), previous_(n), upper_(n), floor_(n), lower_(size_t(n) * groups_.count()),
          centroid_shift_(k, 0), group_shift_(groups_.count(), 0) {}

    // Assigns every row, measuring its distance to every centroid: by matrix product, in blocks
    // of rows, as |x|² + |c|² - 2 x·c.
    void assign_all() {
        std::vector<int> order;
        std::vector<int> ends;
        for (int g = 0; g < groups_.count(); g++) {
            order.insert(order.end(), groups_.members(g).begin(), groups_.members(g).end());
            ends.push_back(int(order.size()));
        }
        std::vector<float> ordered(size_t(k_) * d_), norms(k_);
        for (int p = 0; p < k_; p++) {
            std::copy_n(centroid(order[p]), d_, ordered.data() + size_t(p) * d_);
            norms[p] = squared_norm(centroid(order[p]), d_);
        }
        const float widest_norm = *std::max_element(norms.begin(), norms.end());
        constexpr int64_t block = 1024;
        std::vector<float> products(size_t(block) * k_);
        std::vector<Scratch> scratch = scratches();
        for (int64_t first = 0; first < n_; first += block) {
            const int64_t rows = std::min(block, n_ - first);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(rows), k_, d_, 1.0f, x_ + first * d_, d_,
                        ordered.data(), d_, 0.0f, products.data(), k_);
            parallel_chunks(rows, 64, threads_, [&](int64_t begin, int64_t end, int worker) {
                for (int64_t r = begin; r < end; r++)
                    settle_row(first + r, products.data() + r * k_, order, ends, norms, widest_norm, scratch[worker]);
            });
        }
    }

    // Assigns every row again after the centroids moved from `before`. Returns the rows whose
    // centroid changed; `previous()` holds the centroids they had.
    int64_t reassign(const std::vector<float> &before) {
        std::vector<float> group_drift(groups_.count(), 0.0f);
        float widest_drift = 0;
        for (int c = 0; c < k_; c++) {
            const float drift = std::sqrt(squared_distance(centroid(c), before.data() + size_t(c) * d_, d_));
            centroid_shift_[c] += drift;
            float &group = group_drift[groups_.group_of(c)];
            group = std::max(group, drift);
            widest_drift = std::max(widest_drift, drift);
        }
        for (int g = 0; g < groups_.count(); g++) group_shift_[g] += group_drift[g];
        global_shift_ += widest_drift;
        groups_.store(centroids_);
        previous_ = assigned_;
        std::vector<Scratch> scratch = scratches();
        std::atomic<int64_t> changed{0};
        parallel_chunks(n_, 2048, threads_, [&](int64_t first, int64_t end, int worker) {
            int64_t local = 0;
            for (int64_t i = first; i < end; i++) local += update_row(i, scratch[worker]);
            changed += local;
        });
        return changed;
    }

    const std::vector<int32_t> &assigned() const { return assigned_; }
    const std::vector<int32_t> &previous() const { return previous_; }

private:
    // The lower bounds take n × groups floats: groups are fewer when rows are many.
    static constexpr int64_t max_bounds = int64_t(1) << 26;

    // Per thread: one row's lower bounds as they stand, distances to one group's lanes, and per
    // group searched its nearest and second-nearest distances.
    struct Scratch {
        std::vector<float> lower, squared, first, second;
        std::vector<int> searched, nearest;
    };

    const float *centroid(int c) const { return centroids_.data() + size_t(c) * d_; }

    std::vector<Scratch> scratches() const {
        std::vector<Scratch> scratch(threads_);
        for (auto &s : scratch) {
            s.lower.resize(groups_.count());
            s.squared.resize(std::max<size_t>(groups_.widest(), k_));
            s.first.resize(groups_.count());
            s.second.resize(groups_.count());
            s.nearest.resize(groups_.count());
        }
        return scratch;
    }

    // Stores row i's centroid, its distance and its least lower bound.
    void store(int64_t i, int chosen, float upper, float floor) {
        floor_[i] = floor + global_shift_;
        assigned_[i] = chosen;
        upper_[i] = upper - centroid_shift_[chosen];
    }

    // Stores row i's lower bound for group g as it stands now.
    void store_lower(int64_t i, int g, float bound) { lower_[size_t(i) * groups_.count() + g] = bound + group_shift_[g]; }

    // Row i's centroid and bounds from its products with every centroid (`products`, in the
    // order `order`, group g ending at ends[g]). The products carry rounding errors of about
    // float epsilon × (|x|² + |c|²): the lower bounds are lowered by more than that, and the
    // distance to the chosen centroid is measured again directly.
    void settle_row(int64_t i, const float *products, const std::vector<int> &order, const std::vector<int> &ends,
                    const std::vector<float> &norms, float widest_norm, Scratch &s) {
        const float *row = x_ + i * d_;
        const float norm = squared_norm(row, d_);
        const float slack = 1e-5f * (norm + widest_norm);
        float *squared = s.squared.data();
        for (int p = 0; p < k_; p++) squared[p] = norm + norms[p] - 2 * products[p];
        float best = infinity;
        int best_position = 0;
        for (int g = 0, begin = 0; g < groups_.count(); begin = ends[g++]) {
            NearestTwo two(begin);
            for (int p = begin; p < ends[g]; p++) two.offer(squared[p], p);
            s.first[g] = two.first;
            s.second[g] = two.second;
            s.nearest[g] = two.nearest;
            if (two.first < best) best = two.first, best_position = two.nearest;
        }
        // The product's rounding depends on how OpenBLAS splits it between threads, and can put
        // near-ties in either order: every centroid within twice the slack of the best is measured
        // again exactly, and the nearest of those (the lowest number on a tie) is the row's, as in
        // plain Lloyd and whatever the thread count.
        int chosen = order[best_position], chosen_position = best_position;
        float exact = infinity;
        for (int p = 0; p < k_; p++) {
            if (squared[p] > best + 2 * slack) continue;
            const float distance = squared_distance(row, centroid(order[p]), d_);
            if (distance < exact || (distance == exact && order[p] < chosen)) exact = distance, chosen = order[p], chosen_position = p;
        }
        float floor = infinity;
        for (int g = 0; g < groups_.count(); g++) {
            const float other = s.nearest[g] == chosen_position ? s.second[g] : s.first[g];
            const float bound = std::sqrt(std::max(0.0f, other - slack));
            store_lower(i, g, bound);
            floor = std::min(floor, bound);
        }
        store(i, chosen, std::sqrt(exact), floor);
    }

    // Row i after the centroids moved. Returns 1 if its centroid changed.
    int update_row(int64_t i, Scratch &s) {
        const int current = assigned_[i];
        float upper = upper_[i] + centroid_shift_[current];
        const float floor = floor_[i] - global_shift_;
        if (upper <= floor) return 0;
        upper = std::sqrt(squared_distance(x_ + i * d_, centroid(current), d_));
        if (upper <= floor) {
            upper_[i] = upper - centroid_shift_[current];
            return 0;
        }
        const float *lower = lower_.data() + size_t(i) * groups_.count();
        float group_floor = infinity;
        for (int g = 0; g < groups_.count(); g++) {
            s.lower[g] = lower[g] - group_shift_[g];
            group_floor = std::min(group_floor, s.lower[g]);
        }
        if (upper <= group_floor) {
            store(i, current, upper, group_floor);
            return 0;
        }
        search(i, upper, s);
        return assigned_[i] != current;
    }

    // Searches the groups whose lower bound (in `s.lower`) is under `best`, the exact distance
    // from row i to its centroid, and stores the row's centroid and bounds.
    void search(int64_t i, float best, Scratch &s) {
        const float *row = x_ + i * d_;
        const int current = assigned_[i];
        const float current_distance = best;
        int chosen = current;
        s.searched.clear();
        for (int g = 0; g < groups_.count(); g++) {
            if (s.lower[g] >= best) continue;
            groups_.distances(g, row, s.squared.data());
            const auto &members = groups_.members(g);
            NearestTwo two(-1);
            for (size_t lane = 0; lane < members.size(); lane++) two.offer(s.squared[lane], members[lane]);
            s.searched.push_back(g);
            s.first[g] = std::sqrt(two.first);
            s.second[g] = std::sqrt(two.second);
            s.nearest[g] = two.nearest;
            if (s.first[g] < best) best = s.first[g], chosen = two.nearest;
        }
        for (int g : s.searched) {
            s.lower[g] = s.nearest[g] == chosen ? s.second[g] : s.first[g];
            store_lower(i, g, s.lower[g]);
        }
        if (chosen != current) {
            // The old centroid is now one of its group's others: an unsearched group's bound must allow for it.
            const int g = groups_.group_of(current);
            s.lower[g] = std::min(s.lower[g], current_distance);
            store_lower(i, g, s.lower[g]);
        }
        store(i, chosen, best, *std::min_element(s.lower.begin(), s.lower.end()));
    }

    const int64_t n_;
    const int d_;
    const int k_;
    const float *x_;
    const std::vector<float> &centroids_;
    const int threads_;
    CentroidGroups groups_;
    std::vector<int32_t> assigned_, previous_;
    // Net of the shifts: upper_ minus its centroid's, lower_ plus its group's, floor_ plus the global one.
    std::vector<float> upper_, floor_, lower_;
    std::vector<float> centroid_shift_, group_shift_;
    float global_shift_ = 0;
};

// Each centroid's sum of rows and count, kept in double and moved row by row as rows change
// centroid, in row order, so that the means do not depend on the number of threads.
class CentroidSums {
public:
    CentroidSums(int k, int d) : d_(d), sums_(size_t(k) * d, 0), counts_(k, 0) {}

    void add(const float *row, int c, int sign) {
        double *sum = sums_.data() + size_t(c) * d_;
        for (int j = 0; j < d_; j++) sum[j] += sign * double(row[j]);
        counts_[c] += sign;
    }

    // Moves each centroid that has rows to their mean.
    void write_means(std::vector<float> &centroids) const {
        for (size_t c = 0; c < counts_.size(); c++)
            if (counts_[c] > 0)
                for (int j = 0; j < d_; j++) centroids[c * d_ + j] = float(sums_[c * d_ + j] / counts_[c]);
    }

private:
    const int d_;
    std::vector<double> sums_;
    std::vector<int64_t> counts_;
};

} // namespace

LloydResult bounded_lloyd(int64_t n, int d, int k, const float *x, std::vector<float> &centroids, int iterations, int threads) {
    YinyangState state(n, d, k, x, centroids, std::max(1, threads));
    CentroidSums sums(k, d);
    state.assign_all();
    for (int64_t i = 0; i < n; i++) sums.add(x + i * d, state.assigned()[i], +1);
    int done = 1;
    std::vector<float> before;
    for (;;) {
        before = centroids;
        sums.write_means(centroids);
        if (done >= iterations) break;
        const int64_t changed = state.reassign(before);
        done++;
        if (changed == 0) break;
        const auto &now = state.assigned(), &then = state.previous();
        for (int64_t i = 0; i < n; i++) {
            if (now[i] == then[i]) continue;
            sums.add(x + i * d, then[i], -1);
            sums.add(x + i * d, now[i], +1);
        }
    }
    double objective = 0;
    for (int64_t i = 0; i < n; i++) objective += squared_distance(x + i * d, centroids.data() + size_t(state.assigned()[i]) * d, d);
    return {done, objective};
}

} // namespace ckmeans
