#ifndef CVIPS_H
#define CVIPS_H

#include <stddef.h>

/* libvips' operations are variadic C functions, which Swift cannot call: these few fixed-argument
   wrappers are the whole of the image code that touches libvips. Every function returns 0 on
   success and -1 on failure, with libvips' message copied into `error`. */

/** The colour spaces that matter to the pipeline; libvips knows many more. */
typedef enum {
    BM_COLOUR_SRGB = 0,
    BM_COLOUR_GRAYSCALE = 1,
    BM_COLOUR_CMYK = 2,
    BM_COLOUR_OTHER = 3
} bm_colour_space;

/** What an image's header says, read without decoding the pixels. */
typedef struct {
    int width;
    int height;
    int bands;
    /** The colour space, as a `bm_colour_space`. */
    int colour_space;
} bm_image_header;

/** How `bm_image_encode_pixels` resizes. */
typedef enum {
    BM_RESIZE_NONE = 0,
    BM_RESIZE_KEEP_RATIO_LARGEST = 1,
    BM_RESIZE_CENTER_CROP = 2,
    BM_RESIZE_BORDER = 3
} bm_resize_mode;

/** The format `bm_image_encode_pixels` writes. */
typedef enum {
    BM_FORMAT_JPEG = 0,
    BM_FORMAT_PNG = 1,
    BM_FORMAT_WEBP = 2
} bm_image_format;

/** Starts libvips once per process: no operation cache, one thread per operation. */
int bm_image_start(char *error, size_t error_size);

/** Reads the header of an encoded image held in memory. */
int bm_image_probe(const void *bytes, size_t length, bm_image_header *header, char *error, size_t error_size);

/** Resizes, pads (BM_RESIZE_BORDER, on white) and encodes pixels from `bm_image_pixels`:
    an image is decoded once and its pixels serve hashing and encoding alike.
    `*output` is allocated by libvips: release it with `bm_image_release`. */
int bm_image_encode_pixels(const unsigned char *pixels, int pixel_width, int pixel_height, bm_image_format format,
                           int quality, bm_resize_mode mode, int size, void **output, size_t *output_length,
                           int *width, int *height, char *error, size_t error_size);

/** Decodes to 8-bit sRGB pixels without alpha, row by row, `width * height * 3` bytes; a JPEG
    at 1/`jpeg_shrink` of its size (1, 2, 4 or 8: libjpeg's DCT scaling), other formats whole. */
int bm_image_pixels(const void *bytes, size_t length, int jpeg_shrink, void **output, size_t *output_length,
                    int *width, int *height, char *error, size_t error_size);

/** Decodes to 8-bit sRGB pixels without alpha, the longer side scaled to `size`, shrinking on
    load where the format can: what the perceptual hash and feature extraction look at. Same
    layout as `bm_image_pixels`. */
int bm_image_thumbnail(const void *bytes, size_t length, int size, void **output, size_t *output_length,
                       int *width, int *height, char *error, size_t error_size);

/** Decodes to 8-bit sRGB pixels without alpha at the size `mode` resizes to (shrinking on load
    where the format can), for `bm_image_encode_pixels` to encode with the same mode. */
int bm_image_resized(const void *bytes, size_t length, bm_resize_mode mode, int size, void **output, size_t *output_length,
                     int *width, int *height, char *error, size_t error_size);
/** Decodes, converts to 8-bit sRGB, resizes and encodes as `bm_image_encode_pixels` does, a strip
    at a time: the decoded image is never in memory whole. `*output` is allocated by libvips:
    release it with `bm_image_release`. */
int bm_image_transcode(const void *bytes, size_t length, bm_image_format format, int quality, bm_resize_mode mode,
                       int size, void **output, size_t *output_length, int *width, int *height,
                       char *error, size_t error_size);

/** Releases memory returned by the functions above. */
void bm_image_release(void *memory);

#endif
