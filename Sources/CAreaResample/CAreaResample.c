#include "CAreaResample.h"

#include <stdlib.h>

/* Along one axis: for each output position, the first source position it covers and the shares
   of it and the following ones (summing to 1), `offsets[o]..<offsets[o + 1]` in `shares`. */
typedef struct {
    int *first;
    int *offsets;
    float *shares;
} weights;

static void free_weights(weights *w) {
    free(w->first);
    free(w->offsets);
    free(w->shares);
}

static int make_weights(weights *w, int source, int target) {
    /* An output position covers at most ceil(scale) + 1 source positions. */
    int per = source / target + 2;
    w->first = malloc(sizeof(int) * (size_t)target);
    w->offsets = malloc(sizeof(int) * ((size_t)target + 1));
    w->shares = malloc(sizeof(float) * (size_t)target * (size_t)per);
    if (w->first == NULL || w->offsets == NULL || w->shares == NULL) { free_weights(w); return -1; }
    double scale = (double)source / (double)target;
    int count = 0;
    w->offsets[0] = 0;
    for (int o = 0; o < target; o++) {
        double low = o * scale, high = (o + 1) * scale;
        if (high > source) high = source;
        int index = (int)low;
        if (index > source - 1) index = source - 1;
        w->first[o] = index;
        int start = count;
        double total = 0;
        for (; index < source && index < high; index++) {
            double inside = (high < index + 1 ? high : index + 1) - (low > index ? low : index);
            w->shares[count++] = (float)inside;
            total += inside;
        }
        for (int k = start; k < count; k++) w->shares[k] = (float)(w->shares[k] / total);
        w->offsets[o + 1] = count;
    }
    return 0;
}

int bm_area_resample(const unsigned char *pixels, int width, int height,
                     unsigned char *output, int new_width, int new_height) {
    weights columns = {0}, rows = {0};
    size_t row_length = (size_t)new_width * 3;
    float *narrowed = malloc(sizeof(float) * (size_t)height * row_length);
    float *sums = malloc(sizeof(float) * row_length);
    if (narrowed == NULL || sums == NULL || make_weights(&columns, width, new_width) || make_weights(&rows, height, new_height)) {
        free(narrowed);
        free(sums);
        free_weights(&columns);
        free_weights(&rows);
        return -1;
    }
    /* Rows first: every source row scaled to the new width, kept in floats. */
    for (int y = 0; y < height; y++) {
        const unsigned char *source = pixels + (size_t)y * width * 3;
        float *out = narrowed + (size_t)y * row_length;
        for (int x = 0; x < new_width; x++) {
            float r = 0, g = 0, b = 0;
            const unsigned char *at = source + (size_t)columns.first[x] * 3;
            for (int k = columns.offsets[x]; k < columns.offsets[x + 1]; k++, at += 3) {
                float share = columns.shares[k];
                r += share * at[0];
                g += share * at[1];
                b += share * at[2];
            }
            out[x * 3] = r;
            out[x * 3 + 1] = g;
            out[x * 3 + 2] = b;
        }
    }
    /* Then columns: each output row a weighted sum of whole narrowed rows, which vectorizes. */
    for (int y = 0; y < new_height; y++) {
        for (size_t i = 0; i < row_length; i++) sums[i] = 0;
        const float *at = narrowed + (size_t)rows.first[y] * row_length;
        for (int k = rows.offsets[y]; k < rows.offsets[y + 1]; k++, at += row_length) {
            float share = rows.shares[k];
            for (size_t i = 0; i < row_length; i++) sums[i] += share * at[i];
        }
        unsigned char *out = output + (size_t)y * row_length;
        /* Shares sum to 1, so a sum stays within 0...255 but for rounding error. */
        for (size_t i = 0; i < row_length; i++) {
            float v = sums[i] + 0.5f;
            out[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }
    free(narrowed);
    free(sums);
    free_weights(&columns);
    free_weights(&rows);
    return 0;
}
