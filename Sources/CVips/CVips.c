#include "CVips.h"

#include <pthread.h>
#include <string.h>
#include <vips/vips.h>

static int started = -1;
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

/* libvips also reports decode trouble as GLib warnings on stderr; the same failures reach the
   caller through the error buffer, so the warnings would only repeat them without the file name. */
static void discard_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static void start(void) {
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, discard_log, NULL);
    started = vips_init("biomedica");
    if (started == 0) {
        /* Figures are untrusted input: only the loaders of the formats the pipeline takes are
           reachable (JPEG, PNG, GIF, TIFF, WebP). SVG (librsvg), PDF (poppler), ImageMagick and
           the rest are blocked, whatever bytes or file name reach libvips. */
        vips_block_untrusted_set(TRUE);
        vips_operation_block_set("VipsForeignLoad", TRUE);
        vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
        vips_operation_block_set("VipsForeignLoadPng", FALSE);
        vips_operation_block_set("VipsForeignLoadNsgif", FALSE);
        vips_operation_block_set("VipsForeignLoadTiff", FALSE);
        vips_operation_block_set("VipsForeignLoadWebp", FALSE);
        /* The pipeline runs many images at once and each only once: libvips' operation cache and
           its own thread pool would only add memory and contention. */
        vips_cache_set_max(0);
        vips_concurrency_set(1);
    }
}

static int fail(char *error, size_t error_size, const char *fallback) {
    const char *message = vips_error_buffer();
    if (message == NULL || message[0] == '\0') message = fallback;
    if (error_size > 0) {
        strncpy(error, message, error_size - 1);
        error[error_size - 1] = '\0';
        size_t end = strlen(error);
        while (end > 0 && (error[end - 1] == '\n' || error[end - 1] == ' ')) error[--end] = '\0';
    }
    vips_error_clear();
    return -1;
}

int bm_image_start(char *error, size_t error_size) {
    pthread_once(&start_once, start);
    return started == 0 ? 0 : fail(error, error_size, "libvips did not start");
}

int bm_image_probe(const void *bytes, size_t length, bm_image_header *header, char *error, size_t error_size) {
    memset(header, 0, sizeof(*header));
    if (vips_foreign_find_load_buffer(bytes, length) == NULL) return fail(error, error_size, "not an image format libvips reads");
    /* Opening from a buffer reads the header only; pixels are decoded on first use. */
    VipsImage *image = vips_image_new_from_buffer(bytes, length, "", NULL);
    if (image == NULL) return fail(error, error_size, "unreadable image header");
    header->width = vips_image_get_width(image);
    header->height = vips_image_get_height(image);
    header->bands = vips_image_get_bands(image);
    switch (vips_image_get_interpretation(image)) {
    case VIPS_INTERPRETATION_sRGB:
    case VIPS_INTERPRETATION_RGB:
        header->colour_space = BM_COLOUR_SRGB;
        break;
    case VIPS_INTERPRETATION_B_W:
    case VIPS_INTERPRETATION_GREY16:
        header->colour_space = BM_COLOUR_GRAYSCALE;
        break;
    case VIPS_INTERPRETATION_CMYK:
        header->colour_space = BM_COLOUR_CMYK;
        break;
    default:
        header->colour_space = BM_COLOUR_OTHER;
        break;
    }
    g_object_unref(image);
    return 0;
}

/* Takes ownership of `in`: returns 8-bit sRGB with three bands, alpha flattened on white. */
static VipsImage *to_srgb(VipsImage *in) {
    VipsImage *current = in;
    VipsImage *next = NULL;
    if (vips_image_get_interpretation(current) != VIPS_INTERPRETATION_sRGB || vips_image_get_bands(current) < 3) {
        if (vips_colourspace(current, &next, VIPS_INTERPRETATION_sRGB, NULL)) { g_object_unref(current); return NULL; }
        g_object_unref(current);
        current = next;
    }
    if (vips_image_hasalpha(current)) {
        VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
        int failed = vips_flatten(current, &next, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        g_object_unref(current);
        if (failed) return NULL;
        current = next;
    }
    if (vips_image_get_bands(current) > 3) {
        if (vips_extract_band(current, &next, 0, "n", 3, NULL)) { g_object_unref(current); return NULL; }
        g_object_unref(current);
        current = next;
    }
    if (vips_image_get_format(current) != VIPS_FORMAT_UCHAR) {
        if (vips_cast_uchar(current, &next, NULL)) { g_object_unref(current); return NULL; }
        g_object_unref(current);
        current = next;
    }
    return current;
}

/* Decoding errors (a truncated or corrupt file) fail instead of yielding a half-grey image. */
static VipsImage *load(const void *bytes, size_t length) {
    return vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

/* Takes ownership of `image` (8-bit sRGB, already resized): pads for BM_RESIZE_BORDER and saves. */
static int save(VipsImage *image, bm_image_format format, int quality, bm_resize_mode mode, int size,
                void **output, size_t *output_length, int *width, int *height, char *error, size_t error_size) {
    if (mode == BM_RESIZE_BORDER && size > 0) {
        VipsImage *padded = NULL;
        VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        int failed = vips_gravity(image, &padded, VIPS_COMPASS_DIRECTION_CENTRE, size, size,
                                  "extend", VIPS_EXTEND_BACKGROUND, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        g_object_unref(image);
        if (failed) return fail(error, error_size, "cannot pad the image");
        image = padded;
    }
    int failed;
    switch (format) {
    case BM_FORMAT_PNG:
        failed = vips_pngsave_buffer(image, output, output_length, "strip", TRUE, NULL);
        break;
    case BM_FORMAT_WEBP:
        failed = vips_webpsave_buffer(image, output, output_length, "Q", quality, "strip", TRUE, NULL);
        break;
    default:
        /* 4:2:0 chroma subsampling at every quality, as PIL and libjpeg do by default: libvips
           would switch it off from Q 90, for files half again as large and slower to write. */
        failed = vips_jpegsave_buffer(image, output, output_length, "Q", quality, "strip", TRUE,
                                      "subsample_mode", VIPS_FOREIGN_SUBSAMPLE_ON, NULL);
        break;
    }
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    g_object_unref(image);
    return failed ? fail(error, error_size, "cannot encode the image") : 0;
}

/* Wraps pixels from `bm_image_pixels` without copying them; the caller keeps them alive. */
static VipsImage *from_pixels(const unsigned char *pixels, int width, int height) {
    VipsImage *image = vips_image_new_from_memory(pixels, (size_t)width * height * 3, width, height, 3, VIPS_FORMAT_UCHAR);
    if (image != NULL) image->Type = VIPS_INTERPRETATION_sRGB;
    return image;
}

/* True when `image` already has the size `mode` resizes to: decoded at that size by `bm_image_resized`. */
static int has_size(VipsImage *image, bm_resize_mode mode, int size) {
    int width = vips_image_get_width(image), height = vips_image_get_height(image);
    return mode == BM_RESIZE_CENTER_CROP ? width == size && height == size : MAX(width, height) == size;
}

/* Scales in-memory pixels for the --resize modes: longer side to `size`, or cover `size` and crop the centre. */
static VipsImage *resized(VipsImage *image, bm_resize_mode mode, int size) {
    if (mode == BM_RESIZE_NONE || size <= 0 || has_size(image, mode, size)) return image;
    VipsImage *thumbnail = NULL;
    int failed = mode == BM_RESIZE_CENTER_CROP
        ? vips_thumbnail_image(image, &thumbnail, size, "height", size, "crop", VIPS_INTERESTING_CENTRE, NULL)
        : vips_thumbnail_image(image, &thumbnail, size, "height", size, NULL);
    g_object_unref(image);
    return failed ? NULL : thumbnail;
}

int bm_image_encode_pixels(const unsigned char *pixels, int pixel_width, int pixel_height, bm_image_format format,
                           int quality, bm_resize_mode mode, int size, void **output, size_t *output_length,
                           int *width, int *height, char *error, size_t error_size) {
    *output = NULL;
    *output_length = 0;
    VipsImage *image = from_pixels(pixels, pixel_width, pixel_height);
    if (image == NULL) return fail(error, error_size, "cannot wrap the pixels");
    image = resized(image, mode, size);
    if (image == NULL) return fail(error, error_size, "cannot resize the image");
    return save(image, format, quality, mode, size, output, output_length, width, height, error, error_size);
}

/* Takes ownership of `image`: converts it to 8-bit sRGB and hands its pixels to the caller. */
static int write_pixels(VipsImage *image, void **output, size_t *output_length, int *width, int *height,
                        char *error, size_t error_size) {
    image = to_srgb(image);
    if (image == NULL) return fail(error, error_size, "cannot convert the image to sRGB");
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    *output = vips_image_write_to_memory(image, output_length);
    g_object_unref(image);
    return *output == NULL ? fail(error, error_size, "cannot decode the image") : 0;
}

int bm_image_pixels(const void *bytes, size_t length, int jpeg_shrink, void **output, size_t *output_length,
                    int *width, int *height, char *error, size_t error_size) {
    *output = NULL;
    *output_length = 0;
    VipsImage *image = NULL;
    const char *loader = jpeg_shrink > 1 ? vips_foreign_find_load_buffer(bytes, length) : NULL;
    if (loader != NULL && strncmp(loader, "VipsForeignLoadJpeg", strlen("VipsForeignLoadJpeg")) == 0) {
        /* libjpeg's DCT scaling: 1/2, 1/4 or 1/8 of the size for a fraction of the work. */
        image = vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                           "fail_on", VIPS_FAIL_ON_ERROR, "shrink", jpeg_shrink, NULL);
    } else {
        image = load(bytes, length);
    }
    if (image == NULL) return fail(error, error_size, "cannot decode the image");
    return write_pixels(image, output, output_length, width, height, error, error_size);
}

/* Shrink-on-load: a JPEG (and a WebP) is decoded at a fraction of its size, which is most of the
   saving. Decoding errors fail, as in `load`; the EXIF orientation is left alone, as a plain
   decode leaves it, so that every path sees the same pixels. */
static int thumbnail_buffer(const void *bytes, size_t length, int size, int crop, VipsImage **image) {
    return vips_thumbnail_buffer((void *)bytes, length, image, size, "height", size, "no_rotate", TRUE,
                                 "crop", crop ? VIPS_INTERESTING_CENTRE : VIPS_INTERESTING_NONE,
                                 "option_string", "fail_on=error", NULL);
}

int bm_image_thumbnail(const void *bytes, size_t length, int size, void **output, size_t *output_length,
                       int *width, int *height, char *error, size_t error_size) {
    *output = NULL;
    *output_length = 0;
    VipsImage *image = NULL;
    if (thumbnail_buffer(bytes, length, size, 0, &image)) return fail(error, error_size, "cannot decode the image");
    return write_pixels(image, output, output_length, width, height, error, error_size);
}

int bm_image_resized(const void *bytes, size_t length, bm_resize_mode mode, int size, void **output, size_t *output_length,
                     int *width, int *height, char *error, size_t error_size) {
    *output = NULL;
    *output_length = 0;
    VipsImage *image = NULL;
    if (thumbnail_buffer(bytes, length, size, mode == BM_RESIZE_CENTER_CROP, &image)) {
        return fail(error, error_size, "cannot decode the image");
    }
    return write_pixels(image, output, output_length, width, height, error, error_size);
}

int bm_image_transcode(const void *bytes, size_t length, bm_image_format format, int quality, bm_resize_mode mode,
                       int size, void **output, size_t *output_length, int *width, int *height,
                       char *error, size_t error_size) {
    *output = NULL;
    *output_length = 0;
    VipsImage *image = load(bytes, length);
    if (image == NULL) return fail(error, error_size, "cannot decode the image");
    image = to_srgb(image);
    if (image == NULL) return fail(error, error_size, "cannot convert the image to sRGB");
    image = resized(image, mode, size);
    if (image == NULL) return fail(error, error_size, "cannot resize the image");
    return save(image, format, quality, mode, size, output, output_length, width, height, error, error_size);
}

void bm_image_release(void *memory) {
    g_free(memory);
}
